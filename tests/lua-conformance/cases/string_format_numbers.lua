for _, v in ipairs({0, 1, -1, 0.1, 123.456, 1e10, -1e-10, 1/3}) do
  print(string.format("%.3f|%10.2e|%g|%.10g|%5.1f|%-8.3g|", v, v, v, v, v, v))
end
print(string.format("%.14g", 0.1), string.format("%.20f", 0.1), string.format("%5.3s|", "abcdef"))
print(string.format("%o %x %X", 0, 0, 0), string.format("%+.2e", 0), string.format("%#.0f", 1))
