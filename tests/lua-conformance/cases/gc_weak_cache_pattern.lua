-- a memoising cache with weak values: results survive while referenced
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local cache = setmetatable({}, {__mode = "v"})
local made = 0
local function get(name)
  local v = cache[name]
  if not v then made = made + 1; v = {name = name}; cache[name] = v end
  return v
end
local a = get("a")
local b = get("b")
for i = 1, 20 do get("tmp" .. i) end
print(made)
collectgarbage()
print(count(cache), cache.a == a, cache.b == b)
print(get("a") == a, made)
b = nil
collectgarbage()
print(count(cache), cache.b)
get("b")
print(made)
