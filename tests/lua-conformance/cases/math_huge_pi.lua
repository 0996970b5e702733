print(math.huge, -math.huge, math.huge > 1e308, math.pi)
print(string.format("%.14f", math.pi), 1/0 == math.huge, -1/0 == -math.huge)
