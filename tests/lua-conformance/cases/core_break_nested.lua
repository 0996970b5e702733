for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    io.write(i, j, " ")
  end
end
print()
local i = 0
while true do
  i = i + 1
  local captured = i
  local f = function() return captured end
  if i > 3 then break end
end
print(i)
