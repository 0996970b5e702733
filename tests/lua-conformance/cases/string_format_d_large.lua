for _, v in ipairs{2^31 - 1, 2^31, -2^31, -2^31 - 1, 2^32, 2^52 + 0.5, 2^62, 2^63, -2^63, 1e19, 123.999, -0.5} do
  io.write(string.format("%d %x %o|", v, v, v)) end print()
