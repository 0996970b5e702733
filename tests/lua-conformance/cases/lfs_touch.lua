-- lfs.touch: with no time, one time, two times, nil
local lfs = require "lfs"
local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))
local function hide(s) return type(s) == "string" and (string.gsub(s, tmp, "TMP")) or s end
local file = tmp .. "/f"
io.open(file, "w"):close()

local function times() local a = lfs.attributes(file) return a.access, a.modification end

print(lfs.touch(file, 1000000000, 1200000000), times())
print(lfs.touch(file, 1300000000), times())
print(lfs.touch(file, 86400.9, 172800.9), times())
print(lfs.touch(file, nil, 5), times())
print(lfs.touch(file, nil), times())
print(lfs.touch(file, "777", "888"), times())
print(lfs.touch(file, 1000000000, nil), times())
local before = os.time()
print(lfs.touch(file))
local a, m = times()
print(a >= before - 1 and a <= os.time() + 1, m >= before - 1 and m <= os.time() + 1, a == m)
-- directories too
print(lfs.touch(tmp, 12345, 67890), lfs.attributes(tmp, "access"), lfs.attributes(tmp, "modification"))
-- touch does not create
local r = { lfs.touch(tmp .. "/missing") }
print(r[1], r[2], r[3], #r)
r = { lfs.touch(tmp .. "/missing", 1, 2) }
print(r[1], r[2], r[3])
print(lfs.attributes(tmp .. "/missing") == nil)
print(pcall(lfs.touch))
print(pcall(lfs.touch, file, "x"))
print(pcall(lfs.touch, file, 1, {}))

os.remove(file)
lfs.rmdir(tmp)
