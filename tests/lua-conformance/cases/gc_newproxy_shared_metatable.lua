-- newproxy(u) shares u's metatable; each proxy is finalized once
local log = {}
local base = newproxy(true)
local mt = getmetatable(base)
local n = 0
mt.__gc = function(u) n = n + 1 end
mt.__tostring = function() return "proxy" end
local function copies()
  for i = 1, 4 do
    local p = newproxy(base)
    log[#log + 1] = tostring(p) .. tostring(getmetatable(p) == mt)
  end
end
copies()
collectgarbage()
print(table.concat(log, ","), n)
print(pcall(newproxy, {}))
print(pcall(newproxy, newproxy(false)))
print(pcall(newproxy, 1))
print(type(newproxy()), getmetatable(newproxy()))
