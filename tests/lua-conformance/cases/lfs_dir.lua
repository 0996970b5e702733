-- lfs.dir: the iterator, the directory object's next and close, errors
local lfs = require "lfs"
local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))
local function hide(s) return type(s) == "string" and (string.gsub(s, tmp, "TMP")) or s end

for i = 1, 25 do
  local f = assert(io.open(tmp .. "/file" .. i, "w"))
  f:close()
end
assert(lfs.mkdir(tmp .. "/sub"))
assert(lfs.mkdir(tmp .. "/empty"))
local odd = tmp .. "/with space\tand \"quotes\""
io.open(odd, "w"):close()

local names = {}
for name in lfs.dir(tmp) do names[#names + 1] = name end
table.sort(names)
print(#names, table.concat(names, ","))

-- what the iterator returns, and the object's own methods
local iter, d = lfs.dir(tmp .. "/empty")
print(type(iter), type(d), select("#", lfs.dir(tmp)))
local entries = {}
local e = d:next()
while e do entries[#entries + 1] = e e = d:next() end
table.sort(entries)
print(table.concat(entries, ","))
print(pcall(d.next, d))
print(select("#", pcall(iter, d)))
print(pcall(function() return d:next() end))
print(pcall(function() for x in iter, d do end end))
d:close()
d:close()

-- the iterator called directly with the object
iter, d = lfs.dir(tmp .. "/empty")
local a, b = iter(d), iter(d)
local rest = { iter(d) }
print(a == "." or a == "..", b == "." or b == "..", a ~= b, #rest)
print(pcall(iter, d))

-- close before the end, then next fails
iter, d = lfs.dir(tmp)
print(type(d:next()))
d:close()
print(pcall(d.next, d))
print(pcall(d.close, d))
d:close()

-- the loop's break leaves the directory open until collected: nothing visible
for name in lfs.dir(tmp) do break end
collectgarbage()

-- nested iterations
local count = 0
for x in lfs.dir(tmp) do
  for y in lfs.dir(tmp .. "/empty") do count = count + 1 end
end
print(count)

-- many iterations open and close directories
local total = 0
for i = 1, 300 do
  for _ in lfs.dir(tmp) do total = total + 1 end
end
print(total)

-- errors: a missing directory, a file, bad arguments
print((hide(select(2, pcall(lfs.dir, tmp .. "/missing")))))
print((hide(select(2, pcall(lfs.dir, tmp .. "/file1")))))
print(pcall(lfs.dir, ""))
print(pcall(lfs.dir))
print(pcall(lfs.dir, {}))
local ok, err = pcall(function() for f in lfs.dir(tmp .. "/missing") do end end)
print(ok, hide(err))
ok, err = pcall(function() return lfs.dir(tmp .. "/missing") end)
print(ok, hide(err))
print(pcall(d.next))
print(pcall(d.next, "x"))
print(pcall(d.next, io.stdout))

-- a NUL ends the path
local n = 0
for _ in lfs.dir(tmp .. "/empty\0ignored") do n = n + 1 end
print(n)

for i = 1, 25 do assert(os.remove(tmp .. "/file" .. i)) end
assert(os.remove(odd))
assert(lfs.rmdir(tmp .. "/sub"))
assert(lfs.rmdir(tmp .. "/empty"))
assert(lfs.rmdir(tmp))
