-- an error in a __gc metamethod reaches the pcall that called collectgarbage
local u = newproxy(true)
getmetatable(u).__gc = function() error("!!!") end
u = nil
local ok, msg = pcall(collectgarbage)
print(ok, msg)
u = newproxy(true)
getmetatable(u).__gc = function() error({}) end
u = nil
print(select("#", pcall(collectgarbage, "collect")), type(select(2, pcall(collectgarbage))))
u = newproxy(true)
getmetatable(u).__gc = function() print("finalized") end
u = nil
print(pcall(collectgarbage))
print(xpcall(collectgarbage, function(m) return "handled" end))
local t = {pcall(collectgarbage, "count")}
print(t[1], type(t[2]))
