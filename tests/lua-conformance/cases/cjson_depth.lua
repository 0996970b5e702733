-- cjson: nesting limits both ways (encode_max_depth, decode_max_depth, cycles, and lua5.1's
-- stack limit that lua-cjson's lua_checkstack meets when the depth settings are very high)
local cjson = require "cjson"
local function nest(n, asObject)
  local top = {}
  local t = top
  for _ = 2, n do
    local inner = {}
    if asObject then t.a = inner else t[1] = inner end
    t = inner
  end
  return top
end
local function enc(v) local ok, r = pcall(cjson.encode, v) return ok and #r or r end
local function dec(s) local ok, r = pcall(cjson.decode, s) return ok and type(r) or r end
local function arrays(n) return string.rep("[", n) .. string.rep("]", n) end
local function objects(n) return string.rep('{"a":', n) .. "1" .. string.rep("}", n) end

-- defaults: 1000
print(enc(nest(1000)), enc(nest(1001)), enc(nest(1000, true)), enc(nest(1001, true)))
print(dec(arrays(1000)), dec(arrays(1001)), dec(objects(1000)), dec(objects(1001)))
print(dec(arrays(1100)))
-- cycles are too deep
local cycle = {}
cycle[1] = cycle
print(enc(cycle))
local ocycle = {}
ocycle.self = ocycle
print(enc(ocycle))
print(enc({ a = { b = { 1, 2, { c = cycle } } } }))

-- small limits
print(cjson.encode_max_depth(3), cjson.decode_max_depth(3))
print(enc({ { {} } }), enc({ { { {} } } }), enc({ a = { b = { c = 1 } } }), enc({ a = { b = { c = {} } } }))
print(dec("[[[]]]"), dec("[[[[]]]]"), dec('{"a":{"b":{"c":1}}}'), dec('{"a":{"b":{"c":{}}}}'), dec('[{"a":[{}]}]'))
print(dec('  [ [ [ [ 1 ] ] ] ]'))
print(cjson.encode_max_depth(1), cjson.decode_max_depth(1))
print(enc({}), enc({ {} }), enc(1), dec("[]"), dec("[[]]"), dec("1"))

-- very high limits: lua5.1's stack (8000 slots) stops lua-cjson first
print(cjson.encode_max_depth(100000), cjson.decode_max_depth(100000))
for _, n in ipairs({ 3999, 4000, 7997, 7998, 7999, 8000, 20000 }) do
  print(n, enc(nest(n)), enc(nest(n, true)))
end
for _, n in ipairs({ 3999, 4000, 7998, 7999, 8000, 20000 }) do
  print(n, dec(arrays(n)), dec(objects(n)))
end
-- mixed nesting counts a slot per array and two per object
local mixed = {}
local t = mixed
for i = 1, 5000 do
  local inner = {}
  if i % 2 == 0 then t[1] = inner else t.k = inner end
  t = inner
end
print(enc(mixed))
print(dec(string.rep('[{"k":', 2500) .. "1" .. string.rep("}]", 2500)))
print(dec(string.rep('[{"k":', 3000) .. "1" .. string.rep("}]", 3000)))
