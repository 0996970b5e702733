module("mymodule", package.seeall)
x = 10
function get() return x end
print(_NAME, _PACKAGE, _M == mymodule, mymodule.get(), print ~= nil)
