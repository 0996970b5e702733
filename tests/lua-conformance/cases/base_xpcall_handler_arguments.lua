-- xpcall's message handler gets the error value and nothing else
print(xpcall(function() error("x") end, function(...) return select("#", ...), ... end))
print(xpcall(function() error() end, function(...) return select("#", ...) end))
print(xpcall(function() error({}) end, function(...) return select("#", ...), type((...)) end))
print(xpcall(error, print))
print(xpcall(string.rep, print))
print(xpcall(function() local x = nil; return x.y end, function(m) return "handled: " .. m end))
