local function iter(s, i) if i == 2 then error("boom in iterator") end return i + 1 end
print(pcall(function() for i in iter, nil, 0 do end end))
local function it2() local x = nil; return x.field end
print(pcall(function() for i in it2 do end end))
for i in iter, nil, 0 do end
