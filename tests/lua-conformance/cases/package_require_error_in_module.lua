package.preload.broken = function() error("module failed") end
print(pcall(require, "broken"))
print(type(package.loaded.broken))
