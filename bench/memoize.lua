-- memoized recursion: a generic memoize() wrapper over closures, used for integer partitions,
-- the edit distance of strings (keys built from two indices) and a grid path count.
local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v end
    return v
  end
end

local function partitions(n)
  local p
  local function count(n, k)
    if n == 0 then return 1 end
    if n < 0 or k == 0 then return 0 end
    return p(n * 1000 + k - 1) + p((n - k) * 1000 + k)
  end
  p = memoize(function(key) return count(math.floor(key / 1000), key % 1000) end)
  return p(n * 1000 + n)
end

local function distance(a, b)
  local d
  d = memoize(function(key)
    local i, j = math.floor(key / 4096), key % 4096
    if i == 0 then return j end
    if j == 0 then return i end
    local cost = a:byte(i) == b:byte(j) and 0 or 1
    local best = d((i - 1) * 4096 + j) + 1
    local ins = d(i * 4096 + j - 1) + 1
    if ins < best then best = ins end
    local sub = d((i - 1) * 4096 + j - 1) + cost
    if sub < best then best = sub end
    return best
  end)
  return d(#a * 4096 + #b)
end

local function paths(w, h)
  local walk
  walk = memoize(function(key)
    local x, y = key % 256, math.floor(key / 256)
    if x == w or y == h then return 1 end
    if (x * 7 + y * 3) % 11 == 0 then return 0 end
    return (walk(y * 256 + x + 1) + walk((y + 1) * 256 + x)) % 1000000007
  end)
  return walk(0)
end

local total = 0
for round = 1, 100 do
  total = total + partitions(60 + round) % 1000003
  total = total + distance(string.rep("kitten", 6 + round % 3), string.rep("sitting", 5 + round % 4))
  total = total + paths(40 + round, 35)
end
print(total)
