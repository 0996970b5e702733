local t = {10, 20, 30}
for k, v in pairs(t) do io.write(k, "=", v, " ") end
print()
print(next({}), next({5}))
print(pcall(next, {}, "nokey"))
