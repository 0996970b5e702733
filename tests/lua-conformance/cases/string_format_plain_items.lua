-- The items string.format writes most often, without flags, width or precision (%s, %d, %g,
-- %.14g, %q), at the edges where their output changes form.
local samples = {
  {"%s|%s", "short\0cut", string.rep("x", 99) .. "\0" .. "tail"},
  {"%s", string.rep("y", 100) .. "\0" .. "kept"},
  {"%s %s", 12, 1.5},
  {"%d %d %d %d", 0, -7, 2^53, -2^63},
  {"%d %i", 3.99, -3.99},
  {"%d", "42"},
  {"%g %g %g %g", 999999, 1000000, -999999, 123456789},
  {"%g %g %g", 0, -0, 1/0},
  {"%.14g %.14g %.14g", 99999999999999, 100000000000000, -12345678901234},
  {"%.0g %.0g %.1g %.1g", 5, 10, 9, 10},
  {"%.15g %.16g %.17g", 123456789012345, 1234567890123456, 2^53},
  {"%g %.3g", 0.5, 1234},
  {"%q", "a\0b\r\n\"\\z"},
  {"%5q|%-5q", "x", "y"},
  {"[%s][%d][%g][%q]", "", 0, 0, ""},
}
for round = 1, 60 do
  for i, s in ipairs(samples) do
    local out = string.format(unpack(s))
    if round == 60 then print(i, (out:gsub("%z", "<0>"))) end
  end
end
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%s %s", "only one"))
