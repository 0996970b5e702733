-- an uncaught non-string error value
print("before")
local function f() error(true) end
f()
print("not reached")
