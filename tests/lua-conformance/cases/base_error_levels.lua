local function f(level) error("msg", level) end
print(pcall(f, 1))
print(pcall(f, 2))
print(pcall(f, 0))
print(pcall(error))
print(pcall(error, nil))
print(type(select(2, pcall(error, {code = 1}))))
