local function fails(init, rep, n)
  local s = "local a; "..init .. string.rep(rep, n)
  local a,b = loadstring(s)
  return b and string.find(b, "syntax levels") ~= nil, b
end
for _, c in ipairs{ {"a=", "{"}, {"a=", "("}, {"", "a("}, {"", "do "}, {"", "while a do "}, {"", "if a then else "}, {"", "function foo () "}, {"a=", "a.."}, {"a=", "a^"}, {"a=", "-"}, {"a=", "not "}, {"", "repeat "}, {"a=", "a+("} } do
  local n = 1
  while n < 400 and not fails(c[1], c[2], n) do n = n + 1 end
  local _, msg = fails(c[1], c[2], n)
  print(c[1] .. c[2], n, (msg:gsub("^.-:1: ", "")))
end
-- inside a function called from the chunk (one more C level?)
local function deeper() local n = 1 while not fails("a=", "{", n) do n = n + 1 end return n end
print("nested call {", deeper())
