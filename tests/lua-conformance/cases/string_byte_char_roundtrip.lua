local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local t = {} for i = 0, 255 do t[#t + 1] = i end
local s = string.char(unpack(t))
show(#s, s:byte(1), s:byte(256), s:byte(-1), select("#", s:byte(1, -1)))
local ok = true for i = 0, 255 do if s:byte(i + 1) ~= i then ok = false end end show(ok)
