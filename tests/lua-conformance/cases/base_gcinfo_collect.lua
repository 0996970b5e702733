print(type(gcinfo()), type(collectgarbage("count")), collectgarbage("step") ~= nil)
print(collectgarbage("setpause", 100) ~= nil, collectgarbage("setstepmul", 200) ~= nil)
print(pcall(collectgarbage, "bogus"))
