module("outer.inner")
local names = {_NAME, _PACKAGE}
_G.print(names[1], names[2], _G.outer.inner == _M)
