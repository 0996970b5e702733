-- error values keep identity and type through pcall, nested pcall and rethrow
local obj = {name = "obj"}
local ok, e = pcall(function() error(obj) end)
print(ok, e == obj, e.name)
ok, e = pcall(function()
  local ok2, e2 = pcall(error, obj)
  print("inner", ok2, e2 == obj)
  error(e2)
end)
print(ok, e == obj)
local f = function() end
ok, e = pcall(error, f)
print(ok, e == f, type(e))
ok, e = pcall(error, coroutine.create(f))
print(ok, type(e))
for _, v in ipairs({0, -1, 1.5, 1e100}) do print(pcall(error, v)) end
print(pcall(error, true))
print(pcall(error, false))
print(select("#", pcall(error, nil)))
print(pcall(error, nil))
local ok3, e3 = pcall(error, "12")
print(ok3, e3, type(e3))
local ok4, e4 = pcall(function() error(12) end)
print(ok4, e4, type(e4))
