-- s:find in loops long enough to be compiled: plain searches (plain = true, or a pattern without
-- specials) with every kind of start position, and the calls that are not plain searches.
local s = "hello world, hello lua"
local zeros = "a\0b\0c"
local results = {}
local function add(...)
  local t = {...}
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  results[#results + 1] = table.concat(t, ",")
end
for round = 1, 300 do
  results = {}
  add(s:find("hello"))
  add(s:find("hello", 2))
  add(s:find("hello", -9))
  add(s:find("lua", -3))
  add(s:find("o", 0))
  add(s:find("o", -100))
  add(s:find("o", 100))
  add(s:find("", 100))
  add(s:find("", 5))
  add(s:find(""))
  add(s:find("o w", 2.7))
  add(s:find("world", "3"))
  add(s:find("world", nil, true))
  add(s:find("l+", 1, true))
  add(s:find("l+"))
  add(s:find("l+", 1, false))
  add(s:find("l+", 1, nil))
  add(s:find(".", 1, true))
  add(s:find("missing"))
  add(s:find("missing", 1, true))
  add(zeros:find("\0c"))
  add(zeros:find("b\0", 1, 1))
  add(string.find(12345, "34"))
  add(string.find("12345", 34))
  add(s:find("hello", 1, true, "extra"))
  if round == 1 or round == 300 then print(round, table.concat(results, " | ")) end
end
print(pcall(string.find, "x"))
print(pcall(string.find, "x", {}))
print(pcall(string.find, "x", "x", {}))
