-- binary-trees: allocate and walk many short-lived trees (allocation and GC).
local function bottomUp(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return {bottomUp(depth), bottomUp(depth)}
end

local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end

local n = 14
local maxDepth = math.max(6, n)
local stretch = bottomUp(maxDepth + 1)
print("stretch tree of depth " .. (maxDepth + 1) .. "\tcheck: " .. check(stretch))
local longLived = bottomUp(maxDepth)
for depth = 4, maxDepth, 2 do
  local iterations = 2 ^ (maxDepth - depth + 4)
  local sum = 0
  for _ = 1, iterations do sum = sum + check(bottomUp(depth)) end
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, sum))
end
print("long lived tree of depth " .. maxDepth .. "\tcheck: " .. check(longLived))
