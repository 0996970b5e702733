print(math.abs(-3), math.abs(3), math.abs(-0.0), math.abs(-1/0))
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), tostring(math.sqrt(-1)):find("nan") ~= nil)
