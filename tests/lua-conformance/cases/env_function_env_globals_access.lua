-- global reads and writes go through the environment table and its metamethods
local reads, writes = {}, {}
local env = setmetatable({}, {
  __index = function(t, k) reads[#reads + 1] = k; return _G[k] end,
  __newindex = function(t, k, v) writes[#writes + 1] = k; rawset(t, k, v) end,
})
local f = setfenv(function()
  a = 1
  b = a + 1
  a = 3
  local s = tostring(b)
  return s
end, env)
print(f())
print(table.concat(reads, ","))
print(table.concat(writes, ","))
print(rawget(env, "a"), rawget(env, "b"), a, b)
local ro = setmetatable({}, {__index = _G, __newindex = function(t, k) error("read-only: " .. k, 2) end})
local g = setfenv(function() z = 1 end, ro)
print(pcall(g))
