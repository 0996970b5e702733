-- errors thrown by __gc reach the pcall around collectgarbage
local function make(f)
  local u = newproxy(true)
  getmetatable(u).__gc = f
end
make(function() error("gc failure") end)
local ok, e = pcall(collectgarbage)
print(ok, e)
make(function() error("level0 failure", 0) end)
print(pcall(collectgarbage, "collect"))
make(function() error(42) end)
print(pcall(collectgarbage))
make(function() local x = nil; return x.y end)
print(pcall(collectgarbage))
make(function() print("quiet finalizer") end)
print(pcall(collectgarbage))
print(pcall(collectgarbage))
