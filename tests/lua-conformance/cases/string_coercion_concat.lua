print(1 .. 2, "a" .. 1.5, 10 .. "", -0.0 .. "")
print(pcall(function() return "a" .. {} end))
print(pcall(function() return "a" .. nil end))
print(pcall(function() return true .. "" end))
