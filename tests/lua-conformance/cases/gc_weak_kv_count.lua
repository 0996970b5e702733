-- __mode "kv": an entry goes away when either side is collectable and unreferenced
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wkv = setmetatable({}, {__mode = "kv"})
local k1, v1 = {}, {}
local function fill()
  wkv[k1] = {}
  wkv[{}] = v1
  wkv[k1] = nil
  wkv[k1] = v1
  wkv[{}] = {}
  wkv["s"] = {}
  wkv[{}] = "s"
  wkv["a"] = "b"
  wkv[1] = 2
end
fill()
collectgarbage()
print("after", count(wkv))
print(wkv[k1] == v1, wkv.a, wkv[1], wkv.s)
local mode = getmetatable(wkv).__mode
print(mode)
