-- a call hook can read the parameters of the function being called
local seen = {}
local function add(a, b) return a + b end
local function greet(name, punct) return "hi " .. name .. punct end
debug.sethook(function(event)
  local info = debug.getinfo(2, "nS")
  if info.what == "Lua" and info.name then
    local parts = {}
    local i = 1
    while true do
      local n, v = debug.getlocal(2, i)
      if not n or n:sub(1, 1) == "(" then break end
      parts[#parts + 1] = n .. "=" .. tostring(v)
      i = i + 1
    end
    seen[#seen + 1] = info.name .. "(" .. table.concat(parts, ",") .. ")"
  end
end, "c")
add(1, 2)
greet("bob", "!")
debug.sethook()
print(table.concat(seen, " "))
