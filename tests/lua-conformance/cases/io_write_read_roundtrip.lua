local name = os.tmpname()
local f = assert(io.open(name, "w"))
print(io.type(f), f:write("line1\n", 42, " ", 1.5, "\nline3"))
f:close()
print(io.type(f), io.type(42))
for l in io.lines(name) do print("[" .. l .. "]") end
os.remove(name)
