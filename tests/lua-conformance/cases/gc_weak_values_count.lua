-- weak values: collectable values go away, strings and numbers are never removed
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wv = setmetatable({}, {__mode = "v"})
local held = {}
local function fill()
  for i = 1, 10 do wv[i] = {} end
  wv.held = held
  wv.s = "string value" .. 1
  wv.n = 42
  wv.b = false
  wv.f = function() end
  wv.co = coroutine.create(function() end)
  wv[{}] = "key is strong"
end
fill()
collectgarbage("collect")
print("after", count(wv))
print(wv.held == held, wv.s, wv.n, wv.b, wv.f, wv.co)
local strongkeys = 0
for k, v in pairs(wv) do if type(k) == "table" then strongkeys = strongkeys + 1 end end
print("table keys with string values", strongkeys)
