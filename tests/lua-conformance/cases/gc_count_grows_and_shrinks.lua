-- count goes up when memory is allocated and down after it becomes garbage
collectgarbage()
local before = collectgarbage("count")
local big = {}
for i = 1, 200000 do big[i] = i end
local during = collectgarbage("count")
print(during > before)
big = nil
collectgarbage()
local after = collectgarbage("count")
print(after < during)
local s = string.rep("x", 1000000)
print(collectgarbage("count") > after)
s = nil
collectgarbage()
print(collectgarbage("count") < during)
