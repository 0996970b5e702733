-- cjson: numbers both ways; encode_number_precision, encode_invalid_numbers, decode_invalid_numbers
local cjson = require "cjson"
local function enc(v) local ok, r = pcall(cjson.encode, v) return ok and r or "error: " .. r end
local function dec(s)
  local ok, r = pcall(cjson.decode, s)
  if not ok then return "error: " .. r end
  if type(r) == "table" then return "[" .. string.format("%.17g", r[1]) .. "]" end
  return string.format("%.17g", r)
end

local numbers = { 0, 1, -1, 0.5, 1 / 3, -2 / 3, 100, 123456789, 12345678901234, 123456789012345, 1e14, 1e15,
  2 ^ 53, 2 ^ 63, -2 ^ 63, 1e-4, 1e-5, 0.0001234, 1.5e-7, 123.456, 1e21, 1e100, 1e300, 5e-324, 2.2250738585072014e-308,
  1.7976931348623157e308, 3.14159265358979, 9.999999999999999, 0.1 + 0.2, 255 / 256, 1e-310 }
for _, n in ipairs(numbers) do print(enc(n), enc(-n)) end
local z = 0
z = -z
print(enc(z), enc({ z }))

-- precision
for p = 1, 14 do
  print(cjson.encode_number_precision(p), enc({ 1 / 3, 123456.789, 1e20, 1e-10, 100, 12345678, 0.5, 2 ^ 63, -1.5e-7, 9.5, 0.95, 99.5 }))
end
print(cjson.encode_number_precision())
print(pcall(cjson.encode_number_precision, 0))
print(pcall(cjson.encode_number_precision, 15))
print(pcall(cjson.encode_number_precision, "x"))
print(cjson.encode_number_precision("7"), enc(1 / 3))
print(cjson.encode_number_precision(14.9), enc(1 / 3))

-- invalid numbers when encoding
local inf, nan = math.huge, 0 / 0
print(cjson.encode_invalid_numbers())
print(enc(inf), enc(-inf), enc(nan), enc({ a = inf }))
print(cjson.encode_invalid_numbers(true), enc(inf), enc(-inf), enc(nan), enc(-nan), enc({ inf, nan }))
print(enc({ [inf] = 1 }), enc({ [-inf] = 1 }))
print(cjson.encode_invalid_numbers("null"), enc(inf), enc(-inf), enc(nan), enc({ inf, nan, 1 }), enc({ [inf] = 1 }))
print(cjson.encode_invalid_numbers("off"), enc(inf))
print(cjson.encode_invalid_numbers("on"), enc(inf))
print(cjson.encode_invalid_numbers(false), enc(nan))
print(pcall(cjson.encode_invalid_numbers, "maybe"))
print(pcall(cjson.encode_invalid_numbers, 1))
print(pcall(cjson.encode_invalid_numbers, {}))
print(cjson.encode_invalid_numbers(nil))

-- decoding numbers
for _, s in ipairs({ "0", "-0", "1", "-1", "0.5", "1.", "-.5", "1e3", "1E3", "1e+3", "1e-3", "2.5e-3", "1e", "1e+",
  "123456789012345678901234567890", "0.1", "0.30000000000000004", "1e308", "1e309", "-1e309", "1e-400", "4.9e-324",
  "2.2250738585072011e-308", "9007199254740993", "0.000000000000000000001", "17976931348623157e292",
  "00", "0123", "00.33", "-00", "0x10", "0X1F", "-0x10", "0x", "0xg", "0x1p4", "0x1.8p1", "0x.8", "0x6.ffp1", "0x1P-2",
  "+1", "+0x10", "inf", "-inf", "+inf", "Inf", "INF", "infinity", "-Infinity", "infinit", "nan", "-nan", "NaN", "NAN",
  "nan(123)", "nan(abc_1)", "nan(", "nan()", "-", "+", "--1", "-+1", ".5", "1.5.5", "1e5e5", "1x", "12 34" }) do
  print(s, dec(s), dec("[" .. s .. "]"))
end
print(cjson.decode_invalid_numbers())
print(cjson.decode_invalid_numbers(false))
for _, s in ipairs({ "0", "-0", "1.5", "-1e5", "0x10", "00", "0123", "-012", "+1", "inf", "-inf", "nan", "-nan", "Infinity",
  "0.5", "-.5", "1." }) do
  print(s, dec(s), dec("[" .. s .. "]"))
end
print(cjson.decode_invalid_numbers("on"), cjson.decode_invalid_numbers("off"), cjson.decode_invalid_numbers(true))
print(pcall(cjson.decode_invalid_numbers, "null"))
print(pcall(cjson.decode_invalid_numbers, 0))
