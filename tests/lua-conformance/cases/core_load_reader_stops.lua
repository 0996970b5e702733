-- load calls its reader piece by piece and stops at the first syntax error
local function pieces(text, size)
  local calls, pos = 0, 1
  return function()
    calls = calls + 1
    local piece = text:sub(pos, pos + size - 1)
    pos = pos + size
    return piece
  end, function() return calls end
end

for _, case in ipairs{ {"*a = 123", 1}, {"x = = 1; y = 2; z = 3; w = 4", 1}, {"return 1 +", 2},
                       {"local t = {1, 2, 3}\nreturn #t", 3}, {"x = 1\n)", 1} } do
  local reader, count = pieces(case[1], case[2])
  local f, err = load(reader, "=pieces")
  print(case[1]:gsub("\n", "\\n"), f and f() or nil, err, count() <= #case[1] + 1)
end
-- (a reader's error comes back as load's second result too, but lua.c's traceback handler
-- then adds a traceback to it, which no in-process runner reproduces: tested in VmTests)
local once = false
print(load(function() if once then return nil end once = true return 42 end)) -- a number is a piece
print(pcall(load(function() if once then return nil end once = true return "return 'x'" end)))
print((select(2, load(function() return {} end)):match("[^\n]*"):gsub("^.-:%d+: ", "")))
