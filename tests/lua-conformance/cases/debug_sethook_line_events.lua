-- line hook: the lines reported for loops, ifs and function calls
local lines = {}
local function f(n)
  local s = 0
  for i = 1, n do
    if i % 2 == 0 then
      s = s + i
    else
      s = s - 1
    end
  end
  return s
end
debug.sethook(function(e, line) lines[#lines + 1] = line end, "l")
local r = f(3)
local t = {
  1,
  2,
}
while r > 0 do r = r - 1 end
debug.sethook()
print(table.concat(lines, " "))
