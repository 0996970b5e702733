-- closures of one prototype have separate environments after setfenv
local function make() return function() return who end end
local a, b = make(), make()
who = "global"
setfenv(a, {who = "a env"})
print(a(), b())
setfenv(b, {who = "b env"})
print(a(), b(), who)
print(getfenv(a) ~= getfenv(b), getfenv(make) == _G)
local c = make()
print(c())
local shared = {who = "shared"}
setfenv(a, shared); setfenv(b, shared)
print(a(), b(), getfenv(a) == getfenv(b))
shared.who = "changed"
print(a(), b())
