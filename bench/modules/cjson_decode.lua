-- cjson.decode of a ~1 MB JSON text (records of strings with escapes, numbers, nested objects
-- and arrays), written here from a fixed pseudo-random sequence, so that the text is the same
-- under every Lua. Prints a checksum of the decoded values.
local cjson = require "cjson"

local seed = 12345
local function random(n) -- a linear congruential generator, the same under every Lua
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

-- the words as they appear inside JSON strings (escapes written out)
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "omega",
  'quote \\"this\\"', "path\\/to\\/file", "tab\\there", "line\\nbreak", "caf\\u00e9", "back\\\\slash",
  "na\195\175ve", "\\u20ac price" }

local function sentence(n)
  local out = {}
  for i = 1, n do out[i] = words[random(#words) + 1] end
  return '"' .. table.concat(out, " ") .. '"'
end

local function record(i)
  local friends = {}
  for f = 1, 3 do friends[f] = string.format('{"id":%d,"name":%s}', random(100000), sentence(2)) end
  local tags = {}
  for t = 1, 5 do tags[t] = '"' .. words[random(10) + 1] .. '"' end
  return string.format('{"about":%s,"active":%s,"age":%d,"balance":%.14g,"email":"user%d@example.com",' ..
    '"extra":null,"friends":[%s],"guid":"%08x-%04x-%04x","id":%d,"location":{"lat":%.14g,"lng":%.14g},' ..
    '"name":%s,"ratio":%.14g,"score":%.14g,"tags":[%s]}',
    sentence(12), random(2) == 1 and "true" or "false", 18 + random(60), random(1000000) / 100, i,
    table.concat(friends, ","), random(2147483647), random(65536), random(65536), i,
    (random(180000000) - 90000000) / 1000003, (random(360000000) - 180000000) / 999983,
    sentence(2), random(3) - 1 + random(1000) / 1024, random(1000) / 7, table.concat(tags, ","))
end

local items = {}
for i = 1, 1800 do items[i] = record(i) end
local text = '{"generated":"2024-01-01T00:00:00Z","items":[' .. table.concat(items, ",") .. '],"version":3}'

local count, chars, ids = 0, 0, 0
for _ = 1, 50 do
  local value = cjson.decode(text)
  for _, item in ipairs(value.items) do
    count = count + 1
    chars = chars + #item.about + #item.name + #item.tags[5] + #item.friends[3].name
    ids = ids + item.id + item.age + item.friends[1].id
  end
end
print(#text, count, chars, ids)
