-- count hooks and gethook results
local function hook() end
print(debug.gethook())
debug.sethook(hook, "crl", 10)
local h, mask, count = debug.gethook()
debug.sethook()
print(h == hook, mask, count)
debug.sethook(hook, "", 5)
h, mask, count = debug.gethook()
debug.sethook()
print(h == hook, mask, count)
debug.sethook(hook, "l")
h, mask, count = debug.gethook()
debug.sethook()
print(h == hook, mask, count)
print(debug.gethook())
local n = 0
debug.sethook(function(e) n = n + 1; assert(e == "count") end, "", 1)
local x = 0
for i = 1, 10 do x = x + i end
debug.sethook()
print(n > 10, x)
local evs = {}
debug.sethook(function(e) evs[e] = (evs[e] or 0) + 1 end, "c", 3)
for i = 1, 30 do x = x + 1 end
debug.sethook()
print(evs.count ~= nil, evs.call ~= nil)
