local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local function all(cls) local t = {} for i = 0, 255 do if string.find(string.char(i), "^%" .. cls .. "$") then t[#t+1] = i end end return #t, t[1], t[#t] end
for _, c in ipairs{"a","c","d","l","p","s","u","w","x","z","A","C","D","L","P","S","U","W","X","Z"} do show(c, all(c)) end
