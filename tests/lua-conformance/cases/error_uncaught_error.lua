local function f() error("custom message") end
f()
