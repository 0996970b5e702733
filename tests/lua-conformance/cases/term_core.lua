-- lua-term 0.07's C part (term.core): isatty on io files
local core = require "term.core"
local names = {}
for k, v in pairs(core) do names[#names + 1] = k .. "=" .. type(v) end
table.sort(names)
print(table.concat(names, " "))

-- the golden runs redirect every standard stream: none is a terminal
print(core.isatty(io.stdout), core.isatty(io.stderr), core.isatty(io.stdin))
local f = io.tmpfile()
print(core.isatty(f))
print(io.type(io.stdout) == "file" and core.isatty(io.stdout)) -- busted's test
local p = io.popen("echo hi")
print(core.isatty(p))
p:close()

-- lua-term 0.07 checks its last argument (index -1)
print(core.isatty(5, f))
print(pcall(core.isatty, f, 5))
print(pcall(core.isatty, 5))
print(pcall(core.isatty, {}))
print(pcall(core.isatty, "io.stdout"))
print(pcall(core.isatty, nil))
print(pcall(core.isatty))
print(pcall(function() return core.isatty(io.stdout, false) end))
print(pcall(function() local t = { isatty = core.isatty }; return t:isatty(7) end))
-- a userdata that is not a file
print(pcall(core.isatty, newproxy()))
f:close()
