-- a priority queue: a binary heap class with push/pop method calls and a comparison function,
-- used for Dijkstra's shortest paths on a weighted grid and for merging sorted runs.
local Heap = {}
Heap.__index = Heap
function Heap.new(less) return setmetatable({n = 0, less = less}, Heap) end
function Heap:push(item)
  local n = self.n + 1
  self.n = n
  self[n] = item
  local less = self.less
  while n > 1 do
    local parent = math.floor(n / 2)
    if not less(self[n], self[parent]) then break end
    self[n], self[parent] = self[parent], self[n]
    n = parent
  end
end
function Heap:pop()
  local n = self.n
  if n == 0 then return nil end
  local top = self[1]
  self[1] = self[n]
  self[n] = nil
  n = n - 1
  self.n = n
  local i, less = 1, self.less
  while true do
    local l, r, smallest = 2 * i, 2 * i + 1, i
    if l <= n and less(self[l], self[smallest]) then smallest = l end
    if r <= n and less(self[r], self[smallest]) then smallest = r end
    if smallest == i then break end
    self[i], self[smallest] = self[smallest], self[i]
    i = smallest
  end
  return top
end
function Heap:empty() return self.n == 0 end

local function byDistance(a, b) return a.d < b.d end

local function dijkstra(w, h, seed)
  local weight = {}
  for i = 1, w * h do weight[i] = (i * seed) % 9 + 1 end
  local dist = {}
  local heap = Heap.new(byDistance)
  heap:push({d = 0, cell = 1})
  dist[1] = 0
  while not heap:empty() do
    local item = heap:pop()
    local cell, d = item.cell, item.d
    if d == dist[cell] then
      local x, y = (cell - 1) % w, math.floor((cell - 1) / w)
      local function relax(nx, ny)
        if nx >= 0 and nx < w and ny >= 0 and ny < h then
          local next = ny * w + nx + 1
          local nd = d + weight[next]
          local old = dist[next]
          if old == nil or nd < old then dist[next] = nd; heap:push({d = nd, cell = next}) end
        end
      end
      relax(x + 1, y); relax(x - 1, y); relax(x, y + 1); relax(x, y - 1)
    end
  end
  return dist[w * h]
end

local function merge(runs)
  local heap = Heap.new(function(a, b) return a[1] < b[1] end)
  for r, run in ipairs(runs) do heap:push({run[1], r, 1}) end
  local out, n = 0, 0
  while not heap:empty() do
    local top = heap:pop()
    n = n + 1
    out = (out + top[1] * n) % 1000000007
    local run, i = runs[top[2]], top[3] + 1
    if run[i] then heap:push({run[i], top[2], i}) end
  end
  return out
end

local total = 0
for seed = 1, 6 do total = total + dijkstra(120, 100, seed * 7 + 3) end
local runs = {}
for r = 1, 50 do
  local run = {}
  for i = 1, 2000 do run[i] = i * r % 997 + i * 3 end
  table.sort(run)
  runs[r] = run
end
print(total, merge(runs))
