local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local s = "" for i = 0, 255 do s = s .. string.char(i) end
local u, l = s:upper(), s:lower()
local du, dl = 0, 0 for i = 1, 256 do if u:byte(i) ~= s:byte(i) then du = du + 1 end if l:byte(i) ~= s:byte(i) then dl = dl + 1 end end
show(#u, #l, du, dl, u:sub(98, 123), l:sub(66, 91))
