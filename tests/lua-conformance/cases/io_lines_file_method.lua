local name = os.tmpname()
local f = assert(io.open(name, "w")); f:write("a\n\nb\nlast"); f:close()
f = assert(io.open(name))
local n = 0
for l in f:lines() do n = n + 1; io.write("<", l, ">") end
print(n, io.type(f))
f:close()
print(pcall(io.lines, "/nonexistent_dir_kraken/z"))
os.remove(name)
