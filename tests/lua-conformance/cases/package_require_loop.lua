package.preload.loopy = function() return require("loopy") end
print(pcall(require, "loopy"))
