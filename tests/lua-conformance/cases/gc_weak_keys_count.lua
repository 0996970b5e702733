-- weak keys: unreferenced table keys go away, strings/numbers/booleans and referenced keys stay
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wk = setmetatable({}, {__mode = "k"})
local keep = {}
local function fill()
  for i = 1, 10 do wk[{}] = i end
  wk[keep] = "kept"
  wk["str"] = {}
  wk[1] = {}
  wk[true] = {}
  wk[function() end] = "fn"
end
fill()
collectgarbage("collect")
print("after", count(wk))
print(wk[keep], type(wk.str), type(wk[1]), type(wk[true]))
keep = nil
collectgarbage()
print("after dropping keep", count(wk))
