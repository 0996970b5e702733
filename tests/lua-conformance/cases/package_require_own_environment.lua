-- require and the loaders find the package table through their own environment (as loadlib.c
-- does), not through the global 'package', which a program may remove or replace
package.preload.mymod = function(name) return {name = name} end
local pkg = package
package = nil
local m = require "mymod"
print(type(m), m.name, require "mymod" == m)
print(require "string" == string)
package = {loaded = {}}
print(require "mymod" == m, pkg.loaded.mymod == m)
setfenv(0, {print = print, require = require, type = type, tostring = tostring})
print(type(require "table"))
print(pcall(require, "no_such_module_xyz") == false)
-- with no debug.traceback in the thread's globals, lua.c prints the bare message
error("the end")
