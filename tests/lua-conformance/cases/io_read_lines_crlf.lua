local name = os.tmpname()
local f = assert(io.open(name, "wb")); f:write("a\r\nb\r\n"); f:close()
for l in io.lines(name) do print(#l, (l:gsub("\r", "\\r"))) end
os.remove(name)
