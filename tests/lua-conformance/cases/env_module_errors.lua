-- module() errors: name conflicts with non-table values
conflict = 5
print(pcall(module, "conflict"))
a = {b = 3}
print(pcall(module, "a.b.c"))
print(pcall(module))
print(pcall(module, 1))
print(pcall(module, "fresh_from_c"))
package.loaded.preexisting = {v = "kept"}
local f = setfenv(function() module("preexisting"); return v end, _G)
print(f(), _G.preexisting == package.loaded.preexisting)
