print(string.rep(10, 2), string.len(12345), string.upper(1e3))
print("5" + 0 == 5, 10 == "10", #tostring(12.0))
print(pcall(string.rep))
local s = "hello"
print(s:len(), s:upper():lower(), ("%d items"):format(3))
