for _, x in ipairs{3.7, -3.7, 0, -0.5, 2^31 + 0.5, -2^40 - 0.25} do
  print(x, math.floor(x), math.ceil(x))
end
