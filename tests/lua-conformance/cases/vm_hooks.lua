local lines = {}
debug.sethook(function(e, l) lines[#lines + 1] = l end, "l")
local x = 1
for i = 1, 2 do
  x = x + i
end
debug.sethook()
print(table.concat(lines, " "))
local n = 0
debug.sethook(function() n = n + 1 end, "", 100)
for i = 1, 1000 do local y = i * 2 end
debug.sethook()
print(n > 5, debug.gethook())
local calls = {}
debug.sethook(function(e) calls[#calls + 1] = e end, "cr")
local function f() return 1 end
f()
debug.sethook()
print(table.concat(calls, " "))
print(pcall(function()
  debug.sethook(function() error("budget exceeded") end, "", 1000)
  while true do end
end))
debug.sethook()
