-- inside a line hook, getinfo(2) describes the running function at the reported line
local out = {}
local function target(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  return s
end
debug.sethook(function(event, line)
  local info = debug.getinfo(2, "Sl")
  if info.short_src == "debug_hook_getinfo_currentline.lua" then
    out[#out + 1] = event .. ":" .. line .. "=" .. info.currentline
  end
end, "l")
target(2)
debug.sethook()
print(table.concat(out, " "))
