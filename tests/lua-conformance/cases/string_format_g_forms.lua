-- %g in its forms (precision, #, width, flags) and the %.14g of tostring and concatenation, for
-- numbers across the range; gsub that replaces nothing, and string.char of one byte.
local vals = {0, -0, 1, -1, 0.1, 1/3, 2/3, 1e14, 1e15, 123456789012345678, 1e-4, 1e-5, 1.5e-5, 12.5, -12.5, 1e100, -1e-100, 2^53, 2^63, 1/0, -1/0, 3.14159265358979, 100, 1e21, 0.000123456789}
for _, v in ipairs(vals) do
  io.write(tostring(v), " ", v .. "", " ")
  for _, f in ipairs{"%g", "%.3g", "%#g", "%#.3g", "%.14g", "%G", "%.0g", "%#.0g", "%10.4g", "%-12g|", "%+g", "%.20g", "%#.20g"} do
    io.write(string.format(f, v), " ")
  end
  io.write("\n")
end
print(("abc"):gsub("x", "y"), ("abc"):gsub("b", "%0%0"), ("a.b"):gsub("%.", "%%"), ("12"):gsub("1", "x"), string.gsub(12, "3", "x"), ("aaa"):gsub("a", "b", 2))
print(string.char(65), string.char(), string.char(0, 255):byte(1, -1))
