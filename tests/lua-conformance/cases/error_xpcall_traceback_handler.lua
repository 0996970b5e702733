-- debug.traceback as the xpcall handler: the full traceback is printed
local function inner(x)
  local y = x.field
  return y
end
local function middle(x) return (inner(x)) end
local function outer() middle(nil) end
local ok, tb = xpcall(outer, debug.traceback)
print(ok)
print(tb)
local ok2, tb2 = xpcall(function() error("custom message") end, debug.traceback)
print(ok2)
print(tb2)
local ok3, tb3 = xpcall(function() error({}) end, debug.traceback)
print(ok3, type(tb3))
