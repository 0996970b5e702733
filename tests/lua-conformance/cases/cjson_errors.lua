-- cjson.decode's syntax errors (what was expected, what was found, where), and how errors are raised
local cjson = require "cjson"
local function dec(s)
  local ok, r = pcall(cjson.decode, s)
  print(string.format("%-28q", s), ok, ok and type(r) or r)
end
for _, s in ipairs({ "", " ", "x", "}", "]", ":", ",", "{", "[", "[1", "[1,", "[1,]", "[,1]", "[1 2]", "[1:2]",
  "{}", "{,}", '{"a"}', '{"a":}', '{"a" 1}', '{"a":1,}', '{"a":1 "b":2}', '{1:2}', '{null:1}', '{"a":1]', '[1}',
  "[1]]", "[1],", "{} {}", "1 2", "true false", "tru", "truex", "nul", "nulll", "fals", "True", "NULL", "t", "f", "n",
  "'single'", "/* c */ 1", "1 // c", "\f1", "\v1", "\2481", "#", "@", "[[[", "]]]", '"\\u0041"x', "[true,]",
  '{"a":[1,{"b":}]}', "[-]", "[- 1]", "[1e]", "[.1]", "[1.e1]", "[01]", '{"nested":{"deeper":[1,2,x]}}' }) do
  dec(s)
end
-- the argument
print(pcall(cjson.decode))
print(pcall(cjson.decode, "1", "2"))
print(pcall(cjson.decode, nil))
print(pcall(cjson.decode, {}))
print(pcall(cjson.decode, true))
print(pcall(cjson.encode))
print(pcall(cjson.encode, 1, 2))
print(pcall(cjson.encode, nil, nil))
-- called from Lua code, errors carry the caller's position like any luaL_error
print(pcall(function() return cjson.decode("[1,]") end))
print(pcall(function() return cjson.encode(print) end))
print(pcall(function() return cjson.decode() end))
print(pcall(function() local t = {} return cjson.encode(t, t) end))
print(pcall(function() return cjson.decode_max_depth(0) end))
print(pcall(function() return cjson.encode_keep_buffer(1, 2) end))
-- the error value is a string
local ok, e = pcall(cjson.decode, "[")
print(type(e), e)
