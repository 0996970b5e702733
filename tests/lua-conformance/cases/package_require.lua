package.preload["mymod"] = function(name) return {name = name, value = 42} end
local m = require("mymod")
print(m.name, m.value, require("mymod") == m, package.loaded.mymod == m)
print(pcall(require, "this_module_does_not_exist_42"))
print(type(package.path), type(package.cpath), type(package.loaders))
package.loaded.fake = "already"
print(require("fake"))
