-- lfs.link (hard and symbolic) and lfs.symlinkattributes (with target)
local lfs = require "lfs"
local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))
local function hide(s) return type(s) == "string" and (string.gsub(s, tmp, "TMP")) or s end
local function show(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(hide(t[i])) end
  print(table.concat(t, " | "))
end

local file = tmp .. "/target.txt"
local f = assert(io.open(file, "w"))
f:write("hello")
f:close()

-- symbolic link (absolute target)
show(lfs.link(file, tmp .. "/sym", true))
print(lfs.attributes(tmp .. "/sym", "mode"), lfs.symlinkattributes(tmp .. "/sym", "mode"))
show(lfs.symlinkattributes(tmp .. "/sym", "target"))
local la = lfs.symlinkattributes(tmp .. "/sym")
show(la.mode, la.target, la.size == #file, la.nlink)
local fa = lfs.attributes(tmp .. "/sym")
print(fa.target, fa.size, fa.ino == lfs.attributes(file, "ino"), la.ino ~= fa.ino)
local keys = {}
for k in pairs(la) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, table.concat(keys, " "))

-- relative target, dangling link, link to a directory
show(lfs.link("target.txt", tmp .. "/rel", true))
show(lfs.symlinkattributes(tmp .. "/rel", "target"), lfs.attributes(tmp .. "/rel", "size"))
show(lfs.link("nowhere", tmp .. "/dangling", true))
show(lfs.symlinkattributes(tmp .. "/dangling", "target"), lfs.symlinkattributes(tmp .. "/dangling", "mode"))
show(lfs.attributes(tmp .. "/dangling"))
show(lfs.link(tmp, tmp .. "/dirlink", true))
print(lfs.attributes(tmp .. "/dirlink", "mode"), lfs.symlinkattributes(tmp .. "/dirlink", "mode"))
local long = string.rep("a", 300) .. "/" .. string.rep("b", 300)
show(lfs.link(long, tmp .. "/long", true))
print(lfs.symlinkattributes(tmp .. "/long", "target") == long, lfs.symlinkattributes(tmp .. "/long").target == long)

-- symlinkattributes on a regular file: no target field; "target" fails with EINVAL
local ra = lfs.symlinkattributes(file)
print(ra.mode, ra.target)
show(lfs.symlinkattributes(file, "target"))
show(lfs.symlinkattributes(tmp .. "/missing", "target"))
show(lfs.symlinkattributes(tmp .. "/missing"))
show(lfs.symlinkattributes(tmp .. "/sym", "size") == #file, lfs.symlinkattributes(tmp .. "/sym", "permissions"))
show(pcall(lfs.symlinkattributes, tmp .. "/sym", "bogus"))
-- the table form sets target with an ordinary assignment
local seen = {}
local t = setmetatable({}, { __newindex = function(t, k, v) seen[#seen + 1] = k rawset(t, k, v) end })
lfs.symlinkattributes(tmp .. "/sym", t)
show(#seen, seen[1], hide(t.target), t.mode)

-- hard links
show(lfs.link(file, tmp .. "/hard"))
print(lfs.attributes(file, "nlink"), lfs.attributes(tmp .. "/hard", "nlink"), lfs.symlinkattributes(tmp .. "/hard", "mode"))
print(lfs.attributes(file, "ino") == lfs.attributes(tmp .. "/hard", "ino"))
show(lfs.link(file, tmp .. "/hard"))
show(lfs.link(file, tmp .. "/sym", true))
show(lfs.link(tmp .. "/missing", tmp .. "/hard2"))
show(lfs.link(tmp, tmp .. "/dirhard"))
show(lfs.link(file, tmp .. "/missing/x"))
show(lfs.link(file, tmp .. "/hard3", false))
show(lfs.link(file, tmp .. "/sym3", 1))
print(lfs.symlinkattributes(tmp .. "/hard3", "mode"), lfs.symlinkattributes(tmp .. "/sym3", "mode"))

-- argument errors
print(pcall(lfs.link))
print(pcall(lfs.link, file))
print(pcall(lfs.link, nil, file))
print(pcall(lfs.symlinkattributes))
print(pcall(lfs.symlinkattributes, nil, "target"))

for _, name in ipairs({ "sym", "rel", "dangling", "dirlink", "long", "hard", "hard3", "sym3", "target.txt" }) do
  assert(os.remove(tmp .. "/" .. name))
end
assert(lfs.rmdir(tmp))
