local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local s = "" for i = 0, 255 do s = s .. string.char(i) end
local q = string.format("%q", s)
local back = loadstring("return " .. q)()
show(back == s, #q)
