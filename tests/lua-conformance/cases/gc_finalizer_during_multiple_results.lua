-- a __gc that runs while a multiple-result call is being passed on must not disturb it
local log = {}
local function proxy(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function() log[#log + 1] = name .. " " .. select("#", 1, 2, 3) end
  return u
end
proxy("a")
print(select("#", collectgarbage()))
print(select("#", "x", collectgarbage()))
proxy("b")
print(string.format("%s %s", "y", collectgarbage()))
local t = {collectgarbage()}
print(#t, t[1])
proxy("c")
print(pcall(collectgarbage))
collectgarbage()
table.sort(log)
print(table.concat(log, ","))
