print(1 < 2, 2 <= 2, "a" < "b", "Z" < "a", "abc" < "abd", "" < "a")
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(0/0 == 0/0, 0/0 ~= 0/0, -0 == 0)
