-- getinfo on function values: each field printed separately
local function sample(a, b)
  local c = a + b
  return c
end
local up1, up2 = 1, 2
local function withups() return up1 + up2 end
local function show(f, label)
  local i = debug.getinfo(f, "nSlfu")
  print(label, i.what, i.source, i.short_src, i.linedefined, i.lastlinedefined)
  print(label, i.currentline, i.nups, i.name, i.namewhat, i.func == f)
end
show(sample, "sample")
show(withups, "withups")
show(print, "print")
show(string.format, "format")
local main = debug.getinfo(1, "S")
print(main.what, main.source, main.short_src, main.linedefined, main.lastlinedefined)
local chunk = loadstring("return 1", "=custom name")
local ci = debug.getinfo(chunk, "S")
print(ci.what, ci.source, ci.short_src, ci.linedefined)
local chunk2 = loadstring("\n\nreturn function() end")()
local c2 = debug.getinfo(chunk2, "S")
print(c2.what, c2.source, c2.short_src, c2.linedefined, c2.lastlinedefined)
print(debug.getinfo(sample, "l").currentline)
