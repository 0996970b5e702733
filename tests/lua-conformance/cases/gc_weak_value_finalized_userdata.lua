-- a userdata being finalized is removed from weak values but kept as a weak key
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local resurrected
local function make()
  local u = newproxy(true)
  getmetatable(u).__gc = function(self) resurrected = self end
  wk[u] = "key"
  wv[1] = u
end
make()
collectgarbage()
print(type(resurrected), count(wk), count(wv))
print(wk[resurrected], wv[1])
resurrected = nil
collectgarbage()
collectgarbage()
print(count(wk), count(wv))
