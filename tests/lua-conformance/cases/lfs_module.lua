-- lfs: what require gives (the functions, the version fields, the global, the metatables)
local lfs = require "lfs"
print(type(lfs), lfs == _G.lfs, lfs == package.loaded.lfs, require("lfs") == lfs)
local names = {}
for k, v in pairs(lfs) do names[#names + 1] = k .. "=" .. type(v) end
table.sort(names)
for _, n in ipairs(names) do print(n) end
print(lfs._VERSION)
print(lfs._COPYRIGHT)
print(lfs._DESCRIPTION)
local reg = debug.getregistry()
print(type(reg["directory metatable"]), type(reg["lock metatable"]))
local iter, d = lfs.dir(".")
print(type(iter), type(d), getmetatable(d) == reg["directory metatable"])
local mt = getmetatable(d)
local fields = {}
for k, v in pairs(mt) do fields[#fields + 1] = k .. "=" .. type(v) end
for k, v in pairs(mt.__index) do fields[#fields + 1] = "__index." .. k .. "=" .. type(v) end
table.sort(fields)
print(table.concat(fields, " "))
print(tostring(d):match("^userdata: ") ~= nil)
d:close()
local lmt = reg["lock metatable"]
fields = {}
for k, v in pairs(lmt) do fields[#fields + 1] = k .. "=" .. type(v) end
for k, v in pairs(lmt.__index) do fields[#fields + 1] = "__index." .. k .. "=" .. type(v) end
table.sort(fields)
print(table.concat(fields, " "))
-- each call gives a new iterator function, distinct from the objects' next
local i1, d1 = lfs.dir(".")
local i2, d2 = lfs.dir(".")
print(i1 == i2, i1 == getmetatable(d1).__index.next, getmetatable(d1) == getmetatable(d2))
d1:close() d2:close()
-- luaopen_lfs sets the global with an ordinary assignment
package.loaded.lfs = nil
rawset(_G, "lfs", nil)
local seen = {}
setmetatable(_G, { __newindex = function(t, k, v) seen[#seen + 1] = k rawset(t, k, v) end })
local again = require "lfs"
setmetatable(_G, nil)
print(again == rawget(_G, "lfs"), again ~= lfs, again == package.loaded.lfs, table.concat(seen, ","))
