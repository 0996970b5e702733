-- lfs.dir over a directory of 10,000 files, many times, with lfs.attributes on every 100th file
-- (a full attribute table on every 1000th). The files are made once, with io.open/close, in
-- /dev/shm when there is one: on a disk, creating them costs more than everything lfs does.
local lfs = require "lfs"
local base = lfs.attributes("/dev/shm", "mode") == "directory" and "/dev/shm/" or "/tmp/"
local unique = os.tmpname() -- a fresh name (the file it makes is removed at once)
os.remove(unique)
local dir = base .. "kraken_lfs_bench_" .. string.match(unique, "[^/]*$")
assert(lfs.mkdir(dir))
local files = 10000
for i = 1, files do
  local f = assert(io.open(dir .. "/f" .. i, "w"))
  f:write(i % 7 == 0 and "seven" or "x")
  f:close()
end

local entries, bytes, full = 0, 0, 0
for round = 1, 300 do
  for name in lfs.dir(dir) do
    entries = entries + 1
    if string.sub(name, -2) == "00" then
      bytes = bytes + lfs.attributes(dir .. "/" .. name, "size")
      if string.sub(name, -3) == "000" then
        local attr = lfs.attributes(dir .. "/" .. name)
        if attr.mode == "file" and attr.nlink == 1 then full = full + attr.size end
      end
    end
  end
end
-- the explicit form once: dir:next() to the end
local _, d = lfs.dir(dir)
local explicit = 0
while d:next() do explicit = explicit + 1 end

for i = 1, files do assert(os.remove(dir .. "/f" .. i)) end
assert(lfs.rmdir(dir))
print(entries, bytes, full, explicit)
