-- recursive in-order tree walk yielding from every depth
local function insert(t, v)
  if not t then return {v = v} end
  if v < t.v then t.l = insert(t.l, v) else t.r = insert(t.r, v) end
  return t
end
local root
for _, v in ipairs({50, 30, 70, 20, 40, 60, 80, 35, 65, 10}) do root = insert(root, v) end
local function walk(t, depth)
  if not t then return end
  walk(t.l, depth + 1)
  coroutine.yield(t.v, depth)
  walk(t.r, depth + 1)
end
for v, d in coroutine.wrap(function() walk(root, 0) end) do print(v, d) end
local producer = coroutine.create(function()
  for i = 1, 3 do coroutine.yield("item" .. i) end
  return nil
end)
local function consumer()
  while true do
    local ok, item = coroutine.resume(producer)
    if not item then break end
    print("consumed", item)
  end
  print(coroutine.status(producer))
end
consumer()
