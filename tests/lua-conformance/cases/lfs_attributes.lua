-- lfs.attributes: every field, the request-name and table-argument forms, errors
local lfs = require "lfs"
local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))
local function hide(s) return (string.gsub(s, tmp, "TMP", 1)) end
local function sh(cmd) local p = io.popen(cmd) local out = p:read("*a") p:close() return (out:gsub("%s+$", "")) end

local file = tmp .. "/data.txt"
local f = assert(io.open(file, "w"))
f:write(string.rep("x", 1000))
f:close()

local names = { "mode", "dev", "ino", "nlink", "uid", "gid", "rdev", "access", "modification",
  "change", "size", "permissions", "blocks", "blksize" }
local attr = lfs.attributes(file)
local keys = {}
for k, v in pairs(attr) do keys[#keys + 1] = k .. ":" .. type(v) end
table.sort(keys)
print(#keys, table.concat(keys, " "))
for _, n in ipairs(names) do
  print(n, attr[n] == lfs.attributes(file, n))
end
print(attr.mode, attr.size, attr.nlink)

-- the values agree with stat(1)
local st = sh("stat -c '%d %i %h %u %g %s %b %B %X %Y %Z %a' " .. file)
print(st == string.format("%d %d %d %d %d %d %d %d %d %d %d %s", attr.dev, attr.ino, attr.nlink, attr.uid,
  attr.gid, attr.size, attr.blocks, 512, attr.access, attr.modification, attr.change, sh("stat -c %a " .. file)))
print(attr.uid == tonumber(sh("id -u")), attr.gid == tonumber(sh("id -g")))
print(attr.blksize == tonumber(sh("stat -c %o " .. file)))

-- permissions
for _, m in ipairs({ "644", "600", "755", "000", "777", "4755", "1777", "421", "750" }) do
  os.execute("chmod " .. m .. " " .. file)
  print(m, lfs.attributes(file, "permissions"), lfs.attributes(file).permissions)
end
os.execute("chmod 644 " .. file)

-- the directory itself, and the same device
local dattr = lfs.attributes(tmp)
print(dattr.mode, dattr.dev == attr.dev, dattr.ino ~= attr.ino, dattr.nlink)
print(lfs.attributes(tmp .. "/", "mode"), lfs.attributes(tmp .. "/.", "mode"))
local a, b, c = lfs.attributes(tmp .. "/data.txt/", "mode")
print(a, hide(b), c)

-- special files
print(lfs.attributes("/dev/null", "mode"), lfs.attributes("/dev/null", "rdev") == 259)
print(lfs.attributes("/", "mode"), lfs.attributes("/", "permissions"))
os.execute("mkfifo " .. tmp .. "/fifo")
print(lfs.attributes(tmp .. "/fifo", "mode"), lfs.attributes(tmp .. "/fifo", "size"))

-- the table argument: filled and returned, other keys kept, raw sets
local t = { keep = 1, size = "old" }
local r = lfs.attributes(file, t)
print(r == t, t.keep, t.size, t.mode, t.permissions)
local proxy = setmetatable({}, { __newindex = function() error("not raw") end })
print(pcall(lfs.attributes, file, proxy), rawget(proxy, "size"))
-- a non-table, non-string second argument is ignored, as are extra arguments
print(type(lfs.attributes(file, true)), type(lfs.attributes(file, nil, "x")), lfs.attributes(file, "size", "x"))
print(type(lfs.attributes(file, {}, nil)))

-- request names: numbers are strings to lfs, the name ends at a NUL byte
print(pcall(lfs.attributes, file, "bogus"))
print(pcall(lfs.attributes, file, 42))
print(pcall(lfs.attributes, file, ""))
print(lfs.attributes(file, "size\0junk"))
print(pcall(lfs.attributes, file, "Size"))

-- failures: nil, message, errno
print(hide(table.concat({ tostring(select(1, lfs.attributes(tmp .. "/missing"))), select(2, lfs.attributes(tmp .. "/missing")) }, " | ")))
print(select(3, lfs.attributes(tmp .. "/missing")))
print(hide(select(2, lfs.attributes(file .. "/inside"))), select(3, lfs.attributes(file .. "/inside")))
print(lfs.attributes("", "size"))
a, b, c = lfs.attributes(tmp .. "/missing", "bogus")
print(a, hide(b), c)
-- a NUL ends the path, as in C
print(lfs.attributes(file .. "\0ignored", "size"))

-- argument errors
print(pcall(lfs.attributes))
print(pcall(lfs.attributes, nil))
print(pcall(lfs.attributes, {}))
local n = 12345
print(lfs.attributes(n))

os.remove(tmp .. "/fifo")
os.remove(file)
assert(lfs.rmdir(tmp))
print(lfs.attributes(tmp) == nil)
