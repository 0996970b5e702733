package.preload.mymod = function(name) return {name = name, value = 42} end
local m = require("mymod")
print(m.name, m.value, package.loaded.mymod == m, require("mymod") == m)
