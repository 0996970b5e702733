local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i end end
for k, v in pairs({a = 1}) do fs[#fs + 1] = function() return k .. v end end
local j = 0
while j < 2 do j = j + 1; local x = j; fs[#fs + 1] = function() return x end end
repeat local y = "r"; fs[#fs + 1] = function() return y end until true
for _, f in ipairs(fs) do io.write(tostring(f()), " ") end
print()
