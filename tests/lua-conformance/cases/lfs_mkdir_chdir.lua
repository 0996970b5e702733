-- lfs.mkdir, lfs.rmdir, lfs.chdir, lfs.currentdir
local lfs = require "lfs"
local tmp = os.tmpname()
os.remove(tmp)
local function hide(s) return type(s) == "string" and (string.gsub(s, tmp, "TMP")) or s end
local function show(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(hide(t[i])) end
  print(table.concat(t, " | "))
end

show(lfs.mkdir(tmp))
show(lfs.mkdir(tmp))
show(lfs.mkdir(tmp .. "/a"))
show(lfs.mkdir(tmp .. "/a/b"))
show(lfs.mkdir(tmp .. "/x/y"))
show(lfs.mkdir(""))
print(lfs.attributes(tmp .. "/a/b", "mode"), lfs.attributes(tmp .. "/a", "nlink"))
local f = io.open(tmp .. "/file", "w") f:close()
show(lfs.mkdir(tmp .. "/file/sub"))
show(lfs.rmdir(tmp .. "/a"))
show(lfs.rmdir(tmp .. "/a/b"))
show(lfs.rmdir(tmp .. "/a/b"))
show(lfs.rmdir(tmp .. "/file"))
show(lfs.rmdir(tmp .. "/a/."))
show(lfs.rmdir(tmp .. "/a"))
show(lfs.mkdir(tmp .. "/num" .. 1))
show(lfs.rmdir(tmp .. "/num1"))
print(pcall(lfs.mkdir))
print(pcall(lfs.rmdir, nil))
print(pcall(lfs.mkdir, {}))

-- currentdir and chdir: only to the directory we are in (other tests share the process's)
local cwd = lfs.currentdir()
print(type(cwd), cwd:sub(1, 1), cwd == os.getenv("PWD") or cwd == io.popen("pwd"):read("*l"))
show(lfs.chdir("."))
print(lfs.currentdir() == cwd)
show(lfs.chdir(cwd))
print(lfs.currentdir() == cwd)
show(lfs.chdir(tmp .. "/missing"))
show(lfs.chdir(tmp .. "/file"))
show(lfs.chdir(""))
print(select("#", lfs.chdir(tmp .. "/missing")))
print(lfs.currentdir() == cwd, select("#", lfs.currentdir()))
print(pcall(lfs.chdir))

assert(os.remove(tmp .. "/file"))
show(lfs.rmdir(tmp))
show(lfs.rmdir(tmp))
