local name = os.tmpname()
local f = assert(io.open(name, "w")); f:write("x"); f:close()
local other = name .. ".moved"
print(os.rename(name, other))
print(io.open(name) == nil, io.open(other) ~= nil)
print(os.remove(other))
print(select("#", os.remove(other)), (select(2, os.remove(other)):gsub("^.-: ", "")), select(3, os.remove(other)))
print((select(2, os.rename(other, name)):gsub("^.-: ", "")))
