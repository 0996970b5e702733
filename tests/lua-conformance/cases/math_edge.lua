print(math.floor(-0.5), math.ceil(-0.5), math.floor(2^40 + 0.5), math.abs(-0.0))
print(math.max(-1, -2), math.min(1), math.fmod(5.5, 2), math.fmod(-5.5, 2))
print(math.huge > 1e308, -math.huge < -1e308, math.sqrt(-1) ~= math.sqrt(-1))
print(math.floor(1e100) == 1e100)
