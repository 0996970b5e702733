local s = "Lua"
print(s:len(), s:upper(), ("x"):rep(3), #s:rep(2, nil))
print(("%d items"):format(5), s:byte(-1))
