for _, v in ipairs{0.1, 0.5, 1/3, 2/3, 10, 100, 1e14, 1e15, 1e16, 123456789012345, 1.5e-5, 3.0, -7.25, 2^24, 2^-10} do
  print(string.format("%g %.3g %.10g %#g %e %.3f", v, v, v, v, v, v))
end
