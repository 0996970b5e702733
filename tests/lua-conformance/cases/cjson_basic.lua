-- cjson: the module table, cjson.null, and encode/decode of simple values
local cjson = require "cjson"
print(type(cjson), cjson._NAME, cjson._VERSION)
local names = {}
for k in pairs(cjson) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
for _, name in ipairs(names) do print(name, type(cjson[name])) end

-- null: a light userdata (the NULL pointer)
print(type(cjson.null), tostring(cjson.null), getmetatable(cjson.null))
print(cjson.null == cjson.null, cjson.null ~= nil, cjson.null == false)
print(require("cjson") == cjson, package.loaded.cjson == cjson)
print(pcall(function() return cjson.null.x end))
local t = {}
t[cjson.null] = "as key"
print(t[cjson.null])

-- simple values
for _, v in ipairs({ true, false, 0, 1, -1, 10, 3.5, -2.25, 1e100, "", "hello", "with space" }) do
  local text = cjson.encode(v)
  print(type(v), text, cjson.decode(text) == v)
end
print(cjson.encode(nil), cjson.encode(cjson.null))
print(cjson.decode("null") == cjson.null, cjson.decode("true"), cjson.decode("false"))
print(cjson.decode("  42  "), cjson.decode("\t\n\r-7.5"), cjson.decode('"x"'))
print(cjson.encode({}), cjson.encode({ {} }), cjson.encode({ {}, {} }))
print(cjson.encode({ 1, 2, 3 }), cjson.encode({ "a", { "b", { "c" } } }))
print(cjson.encode({ a = 1 }), cjson.encode({ a = { b = { c = "d" } } }))
print(cjson.encode({ true, false, cjson.null, 0.5 }))

-- decode gives tables
local v = cjson.decode('[1, "two", null, true, {"k": [ ]}, {}]')
print(#v, v[1], v[2], v[3] == cjson.null, v[4], type(v[5]), #v[5].k, next(v[6]))
local o = cjson.decode('{"a": 1, "b": [true], "c": {"d": null}, "1": "one"}')
print(o.a, o.b[1], o.c.d == cjson.null, o["1"], o[1])
-- duplicate keys: the last wins
print(cjson.decode('{"k": 1, "k": 2}').k)
-- numbers given to decode are converted to strings first
print(cjson.decode(123), cjson.decode(-1.5))
-- results are fresh tables each time
local a, b = cjson.decode("[]"), cjson.decode("[]")
print(a ~= b, next(a))
