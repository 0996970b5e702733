local name = os.tmpname()
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local f = assert(io.open(name, "wb")); f:write(s, s); f:close()
f = assert(io.open(name, "rb"))
local back = f:read("*a")
f:close(); os.remove(name)
print(#back, back == s .. s, back:byte(1), back:byte(256), back:byte(11))
