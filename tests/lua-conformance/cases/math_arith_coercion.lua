print("10" + 5, "3" * "4", "2" ^ 2, 10 - "2.5", "0x10" + 0, " 7 " * 1)
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} * 2 end))
print(-"2", 2 .. 3, 1.5 .. "")
