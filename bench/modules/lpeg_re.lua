-- LPeg matching through a re grammar: a JSON parser with captures (tables, numbers, strings)
-- over a ~1 MB document generated here, parsed several times, then a re.gsub pass over it.
-- Under kraken the built-in re is used; under lua5.1, Debian's re.lua (re is Lua there).
package.path = "/nonexistent/?.lua"
local ok, re = pcall(require, "re")
if not ok then
  package.path = "/usr/share/lua/5.1/?.lua"
  re = require "re"
end

-- a deterministic document: an array of records with nested arrays, strings and numbers
local seed = 42
local function rand (n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
end
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local parts = { "[" }
for i = 1, 6000 do
  local tags = {}
  for k = 1, 1 + rand(5) do tags[k] = '"' .. words[1 + rand(#words)] .. '"' end
  local nums = {}
  for k = 1, 1 + rand(8) do nums[k] = tostring(rand(100000) / 100) end
  parts[#parts + 1] = string.format(
    '{"id": %d, "name": "item \\"%d\\" %s", "active": %s, "score": %d.%d, "tags": [%s], "values": [%s], "extra": null}%s\n',
    i, i, words[1 + rand(#words)], rand(2) == 0 and "true" or "false", rand(1000), rand(100),
    table.concat(tags, ", "), table.concat(nums, ","), i < 6000 and "," or "")
end
parts[#parts + 1] = "]"
local doc = table.concat(parts)

local json = re.compile([[
  json    <- sp value !.
  value   <- object / array / string / number / true / false / null
  object  <- {| '{' sp (member (',' sp member)*)? '}' sp |}
  member  <- {: string ':' sp value :}
  array   <- {| '[' sp (value (',' sp value)*)? ']' sp |}
  string  <- '"' {~ (escape / [^"\])* ~} '"' sp
  escape  <- '\' ( ["\/] / 'n' -> nl / 't' -> tab )
  number  <- { '-'? [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)? } -> tonumber sp
  true    <- 'true' sp -> yes
  false   <- 'false' sp -> no
  null    <- 'null' sp -> nothing
  sp      <- %s*
]], { tonumber = tonumber, nl = "\n", tab = "\t",
      yes = function () return true end, no = function () return false end, nothing = function () return "null" end })

-- members come as key/value groups: fold them into the object tables
local function fix (v)
  if type(v) ~= "table" then return v end
  local out = {}
  local n = #v
  for i = 1, n do out[i] = fix(v[i]) end
  return out
end

local count, sum, chars = 0, 0, 0
for _ = 1, 8 do
  local t = json:match(doc)
  for _, rec in ipairs(t) do
    count = count + 1
    for _, item in ipairs(rec) do
      if type(item) == "number" then sum = sum + item
      elseif type(item) == "string" then chars = chars + #item
      elseif type(item) == "table" then
        for _, x in ipairs(item) do
          if type(x) == "number" then sum = sum + x else chars = chars + #tostring(x) end
        end
      end
    end
  end
end
local upper = re.gsub(doc, "{[a-z]+}", string.upper)
print(#doc, count, string.format("%.2f", sum), chars, #upper, select(2, upper:gsub("ALPHA", "")))
