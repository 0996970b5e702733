-- %f with a width, a precision, both or neither (the items written without a string in between),
-- next to those with flags and to arguments that are strings, huge or not finite.
local values = {0, -0.0, 1, -1, 0.5, 2.5, -2.5, 0.125, 1/3, -2/3, 123.456, -99.995, 1e-7,
  12345678.9, 1e15, -1e15, 2^53, 1e20, 1.5e300, -1.5e300, 5e-324}
local formats = {"%f", "%.0f", "%.1f", "%.2f", "%.10f", "%.20f", "%.99f", "%5f", "%5.1f", "%12.3f",
  "%3.0f", "%40.2f", "%99.1f", "%-8.2f|", "%08.2f", "%+.1f", "% .1f", "%#.0f"}
for _, f in ipairs(formats) do
  local out = {}
  for _, v in ipairs(values) do out[#out + 1] = string.format(f, v) end
  print(f, table.concat(out, " "))
end
-- several items in one format, text between them
print(string.format("<td>%6.1f</td><td>%.1f</td>%d", 3.25, -0.05, 7))
-- a string argument is converted as for the other items
print(string.format("%.2f %6.1f", "1.005", " 10 "))
-- not finite
print(string.format("%f %.1f %8.2f", 1/0, -1/0, 0/0 ~= 0/0 and 1/0 or 0))
