local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
print(n)
for x = 1, 0, -0.25 do io.write(x, " ") end print()
for x = -1, 1, 0.5 do io.write(x, " ") end print()
