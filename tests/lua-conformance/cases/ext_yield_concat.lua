-- Extension (lua5.1 raises "attempt to yield across metamethod/C-call boundary"): a Lua __concat
-- metamethod may yield; the concatenation goes on where it stopped when the coroutine resumes.
-- Expected output written by hand.
local mt = {}
mt.__concat = function(a, b)
  local x = coroutine.yield("in concat")
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av .. "+" .. bv .. x
end
local function V(v) return setmetatable({v = v}, mt) end

local co = coroutine.wrap(function()
  -- two metamethod calls in one CONCAT, with plain strings gathered between them
  local r = "a" .. V("b") .. "c" .. V("d") .. "e"
  print("result", r)
  -- inside pcall: an error raised after the resume is still caught there
  local ok, e = pcall(function() return V("x") .. {} end)
  print(ok, e)
  -- the result register and the locals around it are intact
  local before, after = 1, 2
  local s = before .. V("m") .. after
  print(before, s, after)
  return "done"
end)
local n = 0
local v = co()
while v ~= "done" do n = n + 1; print(v, n); v = co("!" .. n) end

-- a native-free but non-yielding __concat on either side
local nt = setmetatable({}, {__concat = function(a, b) return "native" end})
print(nt .. "x", "y" .. nt)
-- outside a coroutine a yielding __concat fails as lua5.1 would fail any yield there
print(pcall(function() return V("p") .. "q" end))
