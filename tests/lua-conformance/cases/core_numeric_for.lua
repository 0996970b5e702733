for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 1, 2, 0.5 do io.write(i, " ") end print()
for i = 1, 0 do print("never") end
for i = 0.1, 0.35, 0.1 do io.write(i, " ") end print()
for i = 10, 1, -3 do io.write(i, " ") end print()
local n = 0
for i = 1, 1000000 do n = n + 1 end
print(n)
for i = "1", "2" do io.write(i, ";") end print()
for i = 1, 3 do local j = i * 2; i = 100; io.write(j, " ") end print()
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, 2, {} do end end))
