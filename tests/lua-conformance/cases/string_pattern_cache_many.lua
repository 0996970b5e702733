-- Many patterns in turn, each used again after others: every match must be the pattern's own,
-- whichever compiled patterns a state keeps between calls.
local patterns = {}
for i = 1, 40 do
  -- built at run time: equal content, different string objects
  patterns[i] = "[" .. string.char(96 + i % 26) .. "%d]+" .. (i % 3 == 0 and "$" or "")
end
local subject = "xyz abc123 q9 zz77 mmm4"
local out = {}
for round = 1, 3 do
  for i = 1, 40, round do
    local s, e = subject:find(patterns[i])
    out[#out + 1] = tostring(s) .. ":" .. tostring(e)
  end
end
print(table.concat(out, " "))
-- two patterns alternating, as a JSON decoder's blank-skip and quote-find do
local text = '  "ab"  "cd\\"e"  '
local i, found = 1, {}
for _ = 1, 6 do
  i = text:find("[^ \t\r\n]", i) or #text + 1
  local q = text:find('["\\]', i + 1)
  if not q then break end
  found[#found + 1] = i .. "-" .. q
  i = q + 1
end
print(table.concat(found, ","))
-- malformed patterns still fail every time, whatever was cached before
for _ = 1, 3 do
  print(select(2, pcall(string.find, "abc", "[a")), select(2, pcall(string.find, "abc", "%")), ("abc"):find("[a]"))
end
