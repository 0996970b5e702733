local ok, e = pcall(function() return string.rep() end) print(e)
local ok2, e2 = pcall(function() return ("x"):rep() end) print(e2)
local ok3, e3 = pcall(function() return ("x"):bad() end) print(e3)
local ok4, e4 = pcall(function() local s = string.format; return s("%d", "x") end) print(e4)
