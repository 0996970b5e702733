-- error objects with __tostring: pcall returns the object, tostring formats it
local mt = {__tostring = function(e) return "E(" .. e.code .. ")" end}
local function newerr(code) return setmetatable({code = code}, mt) end
local ok, e = pcall(error, newerr(5))
print(ok, tostring(e), e.code, getmetatable(e) == mt)
ok, e = pcall(function() error(newerr(6), 2) end)
print(ok, tostring(e))
print(select(2, xpcall(function() error(newerr(7)) end, tostring)))
print(select(2, xpcall(function() error(newerr(8)) end, function(m) return "handled " .. tostring(m) end)))
local co = coroutine.create(function() error(newerr(9)) end)
local okc, ec = coroutine.resume(co)
print(okc, tostring(ec))
local ok2, e2 = pcall(function() return "x" .. newerr(1) end)
print(ok2, e2)
print(string.format("%s", tostring(newerr(10))))
