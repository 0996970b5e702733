-- cjson.encode of a ~1 MB document (records of strings with escapes, numbers, nested objects
-- and arrays), generated here with a fixed pseudo-random sequence. Prints the encoded length and
-- the total bytes encoded, the same under any key order.
local cjson = require "cjson"

local seed = 12345
local function random(n) -- a linear congruential generator, the same under every Lua
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end

local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "omega",
  "quote \"this\"", "path/to/file", "tab\there", "line\nbreak", "caf\195\169", "back\\slash", "na\195\175ve", "\226\130\172 price" }

local function sentence(n)
  local out = {}
  for i = 1, n do out[i] = words[random(#words) + 1] end
  return table.concat(out, " ")
end

local function record(i)
  local friends = {}
  for f = 1, 3 do friends[f] = { id = random(100000), name = sentence(2) } end
  local tags = {}
  for t = 1, 5 do tags[t] = words[random(10) + 1] end
  return {
    id = i, guid = string.format("%08x-%04x-%04x", random(2147483647), random(65536), random(65536)),
    active = random(2) == 1, balance = random(1000000) / 100, score = random(1000) / 7, age = 18 + random(60),
    name = sentence(2), email = "user" .. i .. "@example.com", about = sentence(12),
    tags = tags, location = { lat = (random(180000000) - 90000000) / 1000003, lng = (random(360000000) - 180000000) / 999983 },
    friends = friends, extra = cjson.null, ratio = random(3) - 1 + random(1000) / 1024,
  }
end

local doc = {}
for i = 1, 1800 do doc[i] = record(i) end
doc = { version = 3, generated = "2024-01-01T00:00:00Z", items = doc }

local total, text = 0, nil
for _ = 1, 80 do
  text = cjson.encode(doc)
  total = total + #text
end
print(#text, total)
