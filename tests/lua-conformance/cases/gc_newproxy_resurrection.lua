-- a finalizer can store its object again; it is not finalized a second time
local saved
local calls = 0
local function make()
  local u = newproxy(true)
  local mt = getmetatable(u)
  mt.__gc = function(self) calls = calls + 1; saved = self end
  mt.__index = function(_, k) return "field " .. k end
end
make()
collectgarbage()
print("calls", calls, type(saved))
print(saved.x)
saved = nil
collectgarbage()
collectgarbage()
print("calls", calls, saved)
