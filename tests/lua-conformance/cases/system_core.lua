-- luasystem 0.2.1's core (system.core) and its Lua part (system): what busted takes from it
local system = require "system"
local core = require "system.core"
print(system == core, package.loaded["system.core"] == core)
local names = {}
for k, v in pairs(core) do names[#names + 1] = k .. "=" .. type(v) end
table.sort(names)
print(table.concat(names, " "))
print(core._VERSION)

-- gettime: seconds since the epoch, with a fraction; close to os.time
local now = system.gettime()
print(type(now), math.abs(now - os.time()) < 5)

-- monotime never goes back
local a = system.monotime()
local b = system.monotime()
print(type(a), a > 0, b >= a)

-- sleep waits at least what it is asked, returns nothing
local t0 = system.monotime()
print(select("#", system.sleep(0.02)))
print(system.monotime() - t0 >= 0.02 - 1e-6)
t0 = system.gettime()
system.sleep("0.01") -- strings convert, as luaL_checknumber does
print(system.gettime() - t0 >= 0.01 - 1e-3)
-- negative and zero sleeps return at once
print(select("#", system.sleep(-5)), select("#", system.sleep(0)))
print(select("#", system.gettime(1, 2, 3)), select("#", system.monotime("x")))

-- errors
print(pcall(system.sleep))
print(pcall(system.sleep, "soon"))
print(pcall(system.sleep, {}))
print(pcall(function() system.sleep(nil) end))
print(pcall(function() return core.sleep(true) end))
