local dir = os.tmpname()
os.remove(dir)
os.execute("mkdir -p " .. dir)
local f = assert(io.open(dir .. "/kmod_a.lua", "w"))
f:write("local name = ...\nreturn {loaded_as = name}\n")
f:close()
local old = package.path
package.path = dir .. "/?.lua;" .. old
local m = require("kmod_a")
print(m.loaded_as)
package.path = old
os.remove(dir .. "/kmod_a.lua"); os.remove(dir)
