-- module with dotted names builds the table chain and sets _PACKAGE
local print = print
module("outer.inner.leaf", package.seeall)
function hello() return "hello from " .. _NAME end
print(_NAME, _PACKAGE)
print(outer.inner.leaf.hello())
print(type(outer), type(outer.inner), outer.inner.leaf == _M)
print(package.loaded["outer.inner.leaf"] == _M)
print(package.loaded["outer.inner"], package.loaded.outer)
local function again()
  module("outer.inner.leaf")
  return _M
end
print(again() == outer.inner.leaf)
