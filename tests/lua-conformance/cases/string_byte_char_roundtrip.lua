local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(#s, s:byte(1), s:byte(256), s:byte(129))
local ok = true
for i = 1, 256 do if s:byte(i) ~= i - 1 then ok = false end end
print(ok, string.upper(s) == s:upper(), #s:lower())
