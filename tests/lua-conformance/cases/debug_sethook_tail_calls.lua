-- tail calls produce "tail return" events in 5.1 hooks
local ev = {}
local function a() return 1 end
local function b() return a() end
local function c() return b() end
debug.sethook(function(e) ev[#ev + 1] = e end, "cr")
c()
debug.sethook()
print(table.concat(ev, ", "))
ev = {}
debug.sethook(function(e)
  local i = debug.getinfo(2, "nS")
  ev[#ev + 1] = e .. "(" .. tostring(i.name) .. "," .. i.what .. ")"
end, "cr")
c()
debug.sethook()
for _, e in ipairs(ev) do print(e) end
