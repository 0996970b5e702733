-- file names are bytes: a UTF-8 name reaches the file system as those very bytes
local base = os.tmpname()
local name = base .. "-caf\195\169"
local f = assert(io.open(name, "w"))
f:write("x\n")
f:close()
print(io.open(name):read("*a"))
for line in io.lines(name) do print("line", line) end
-- the shell sees the same bytes
local p = io.popen("ls " .. base .. "-*")
print((p:read("*a"):sub(#base + 1)))
p:close()
print(os.execute("test -f " .. base .. "-caf\195\169"))
local new = base .. "-na\195\175ve"
print(os.rename(name, new))
print(io.open(name) == nil, io.open(new) ~= nil)
local _, message = os.remove(name)
print(message == name .. ": No such file or directory")
print(os.remove(new))
print(os.remove(base))
