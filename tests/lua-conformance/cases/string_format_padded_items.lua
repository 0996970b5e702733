-- %d with a width or zeros, and %g with a width or a precision: the items written without a
-- string in between, next to the same items with other flags.
local ints = {0, 7, -7, 42, -42, 12345, -12345, 2^31, -2^31, 2^53, -2^53, 1e15, 3.7, -3.7, 0.5, -0.5}
for _, f in ipairs({"%d", "%1d", "%5d", "%05d", "%012d", "%-6d|", "%+5d", "% 5d", "%.3d", "%5i", "%03i"}) do
  local out = {}
  for _, v in ipairs(ints) do out[#out + 1] = string.format(f, v) end
  print(f, table.concat(out, " "))
end
local nums = {0, -0.0, 1, -1, 0.1, -0.25, 1/3, 2/3 * 1e5, 123456, 1234567, 1e15, 1e16, 1e-4, 1e-5,
  123.456e-7, 2^53, 2^63, 1e100, -1.5e-300, 5e-324}
for _, f in ipairs({"%g", "%G", "%10g", "%.3g", "%12.5g", "%.0g", "%.1g", "%.14g", "%.17g", "%25.17g",
  "%.18g", "%-10g|", "%+g", "%#g", "%010g"}) do
  local out = {}
  for _, v in ipairs(nums) do out[#out + 1] = string.format(f, v) end
  print(f, table.concat(out, " "))
end
print(string.format("%5d|%-5d|%05d|%5.1f|%8.3g", 12, 12, -12, 1.25, 1/3))
print(pcall(string.format, "%5d", "12"), pcall(string.format, "%8g", " 1e3 "))
print(string.format("%8g %8g %8g", 1/0, -1/0, 0/0 ~= 0/0 and 1/0 or 0))
