-- for loops expose their hidden control variables as locals in 5.1
local function listlocals()
  local out = {}
  local i = 1
  while true do
    local name, val = debug.getlocal(2, i)
    if not name then break end
    out[#out + 1] = name .. "=" .. tostring(type(val) == "number" and val or type(val))
    i = i + 1
  end
  return table.concat(out, " ")
end
local function numeric()
  for i = 1, 3, 2 do print(listlocals()) end
end
numeric()
local function generic()
  for k, v in ipairs({"a"}) do print(listlocals()) end
end
generic()
local function varargs(...)
  local x = select("#", ...)
  print(listlocals())
end
varargs(1, 2, 3)
