-- cjson: strings are bytes; which bytes encode escapes, and every escape decode accepts or rejects
local cjson = require "cjson"
local function dec(s)
  local ok, r = pcall(cjson.decode, s)
  if not ok then return "error: " .. r end
  if type(r) == "table" then r = "table " .. cjson.encode(r) end
  return (string.gsub(r, "[^\32-\126]", function(c) return string.format("<%d>", c:byte()) end))
end

-- encode every byte
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
local text = cjson.encode(all)
print(#text)
print((text:gsub("[\128-\255]", function(c) return string.format("<%d>", c:byte()) end)))
print(cjson.decode(text) == all)
for _, s in ipairs({ "a/b", 'say "hi"', "back\\slash", "tab\tnl\ncr\rff\fbs\b", "\0", "nul\0inside", "\127", "caf\195\169",
  "\240\159\152\128", "\255\254", "</script>" }) do
  print(cjson.encode(s), cjson.encode({ s }), cjson.decode(cjson.encode(s)) == s)
end
-- keys are escaped too
print(cjson.encode({ ["a/b\n"] = 1 }))

-- decoding escapes
for _, s in ipairs({ [["\"\\\/\b\f\n\r\t"]], [["\u0041\u00e9\u00E9\u20ac\uFFFF\u0000x"]], [["\u0080\u07ff\u0800\ud7ff\ue000"]],
  [["\ud83d\ude00"]], [["\uD834\uDD1E"]], [["\udbff\udfff"]], [["\ud800\udc00"]],
  [["\ude00\ud83d"]], [["\ud83d"]], [["\ud83dx"]], [["\ud83d\u0041"]], [["\ud83d\n"]], [["\ud83d\ud83d"]], [["\ude00"]],
  [["\u12"]], [["\u12g4"]], [["\u"]], [["\x41"]], [["\a"]], [["\'"]], [["\U0041"]], [[" \q"]], '"\\', '"\\u00',
  '"abc', '"', '"a\0b"', '"\1\2\31"', '"raw\ttab"', '"\255\128"', '"caf\195\169"', [["a\u0000b"]],
  '["a", "b\\n", "\\u00e9"]', '{"k\\u00e9y": "v\\/"}', '{"a\\"b": 1}' }) do
  print(s:gsub("%z", "<0>"), dec(s))
end
local t = cjson.decode('{"k\\u00e9y": "v\\/", "list": ["\\u0031", "\\\\"]}')
print(dec(cjson.encode(t["k\195\169y"])), t.list[1], t.list[2])

-- the text ends at a NUL byte, as for lua-cjson's C string
print(dec("[1]\0garbage"))
print(dec("12\0"))
print(dec('"abc\0"'))
print(dec("\0"))
print(dec("x\0"))
print(dec("\0x"))
print(dec(" \0"))
