print(xpcall(function() error("e1") end, function(m) return "handled: " .. m end))
print(xpcall(function() return 1, 2 end, print))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(pcall(xpcall))
