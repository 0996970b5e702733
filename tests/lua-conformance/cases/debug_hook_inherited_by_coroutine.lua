-- as lua_newthread, a coroutine starts with the hook of the thread that created it
local count = 0
local function hook() count = count + 1 end
debug.sethook(hook, "", 1)
local co = coroutine.create(function() local x = 0 for i = 1, 10 do x = x + i end return x end)
debug.sethook()
local h, mask, n = debug.gethook(co)
print(h == hook, mask, n)
print(debug.gethook())
count = 0
print(coroutine.resume(co))
print(count > 10)
local co2 = coroutine.create(function() return 1 end)
print(debug.gethook(co2))
