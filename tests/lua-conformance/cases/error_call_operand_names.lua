-- call errors name the called value
local function e(f) print(select(2, pcall(f))) end
local up
e(function() local a; a() end)
e(function() gnil() end)
e(function() local t = {}; t.field() end)
e(function() local t = {}; t:method() end)
e(function() up() end)
e(function() local n = 1; n() end)
e(function() local t = {}; t() end)
e(function() ("str")() end)
e(function() local t = {x = {}}; t.x.y() end)
e(function() local t = {}; t[1]() end)
e(function() return (gnil)() end)
e(function() local s = "x"; s:nomethod() end)
e(function() local f = function() end; f()() end)
