print(pcall(function() local s = "x"; return s.rep() end))
print(pcall(function() return ("x"):rep({}) end))
print(pcall(function() return string.rep({}, 1) end))
