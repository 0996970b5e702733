print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print(1 == 1.0, "1" == 1, nil == false, {} == {}, "x" == "x")
local t = {}
print(t == t, t ~= t, 1 ~= 2)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
