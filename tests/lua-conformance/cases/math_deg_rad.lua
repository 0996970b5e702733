print(math.deg(math.pi), math.deg(1), math.rad(180), math.rad(90) == math.pi / 2)
