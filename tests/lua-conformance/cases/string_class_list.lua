local s = ""
for i = 32, 126 do s = s .. string.char(i) end
for _, c in ipairs{"%a","%d","%l","%p","%s","%u","%w","%x","%S","%W"} do local r = s:gsub("[^" .. c .. "]", "") print(c, r) end
