-- select(n, ...) and select('#', ...) from code hot enough to be compiled: the short path moves
-- the values from the n-th on down, adjusted to what the call wants; indices that are not
-- integers, negative, too large or too small, and strings, go the ordinary way or raise its error.
local function second(...) return select(2, ...) end
local function last(...) return select(-1, ...) end
local function beyond(...) return select(#{...} + 5, ...) end
local function all(...) return {select(1, ...)} end
local function count(...) local n = 0 for i = 1, select('#', ...) do n = n + (select(i, ...)) end return n end
local out = {}
for round = 1, 3000 do
  local a, b, c = second(1, 2, 3)
  local line = tostring(a) .. tostring(b) .. tostring(c) .. tostring(last(4, 5, 6)) .. select('#', beyond(1, 2))
  line = line .. " " .. tostring(select(1.9, "x", "y")) .. tostring(select(2.5, "x", "y", "z"))
  line = line .. " " .. #all(1, nil, 3, nil) .. " " .. count(round, 2, 3, 4) .. " " .. select('#', nil, nil)
  local p, q = select(2, "only")
  line = line .. " " .. tostring(p) .. tostring(q) .. " " .. tostring(select("2", "s", "t"))
  if round % 1000 == 0 then out[#out + 1] = line end
end
for _, line in ipairs(out) do print(line) end
local bad = {-3, 0, 0/0, 2^40, -2^40, "x", {}, 1/0, -1/0}
for round = 1, 300 do
  for i, n in ipairs(bad) do
    local ok, e = pcall(function(...) return select(n, ...) end, 1, 2)
    if round == 300 then print(i, ok, e) end
  end
end
print(pcall(select))
print(pcall(select, '#'))
print(select(-2, "a", "b", "c"))
