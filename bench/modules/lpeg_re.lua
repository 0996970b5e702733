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
  return math.floor(seed / 65536) % n
end
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
-- 64 distinct record bodies, then 6000 records made of an id and one of them: the text is
-- built cheaply so the time goes to matching
local bodies = {}
for b = 1, 64 do
  local tags = {}
  for k = 1, 1 + rand(5) do tags[k] = '"' .. words[1 + rand(#words)] .. '"' end
  local nums = {}
  for k = 1, 1 + rand(8) do nums[k] = tostring(rand(100000) / 100) end
  bodies[b] = string.format(
    ', "name": "item \\"%d\\" %s", "active": %s, "score": %d.%d, "tags": [%s], "values": [%s], "extra": null}',
    b, words[1 + rand(#words)], rand(2) == 0 and "true" or "false", rand(1000), rand(100),
    table.concat(tags, ", "), table.concat(nums, ","))
end
local parts = { "[" }
for i = 1, 6000 do
  parts[#parts + 1] = '{"id": ' .. i .. bodies[1 + rand(64)] .. (i < 6000 and ",\n" or "\n")
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

local t
for _ = 1, 18 do t = json:match(doc) end
local count, sum, chars = 0, 0, 0
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
local upper = re.gsub(doc, "{[a-z]+}", string.upper)
print(#doc, count, string.format("%.2f", sum), chars, #upper, select(2, upper:gsub("ALPHA", "")))
