-- errors raised by the xpcall handler itself
print(xpcall(function() error("first") end, function(m) error("second") end))
print(xpcall(function() error("first") end, function(m) local x = nil; return x.y end))
print(xpcall(function() error("first") end, function(m) return m, "extra" end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function() return "no error", 2 end, function(m) error("never") end))
local depth = 0
print(xpcall(function() error("first") end, function(m) depth = depth + 1; error(m) end))
print(depth > 0)
print(pcall(xpcall, function() error("inner") end, function(m) return "handled " .. m end))
