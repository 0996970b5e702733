local function r(x) return string.format("%.12g", x) end
print(r(math.exp(0)), r(math.exp(1)), r(math.log(1)), r(math.log(math.exp(2))))
print(r(math.log10(1000)), r(math.log10(2)), math.log(0), math.log10(0))
print(r(math.pow(2, 10)), r(math.pow(2, 0.5)), r(2 ^ -1), math.pow(0, 0))
