print(nil and 1, false and 1, 1 and 2, nil or "d", false or nil, 1 or error("no"))
print(not nil, not 0, not "", not not nil)
local x = nil
local y = x and x.field or "default"
print(y)
local function f(v) return v end
print(f(1) and f(2) or f(3), f(nil) and f(2) or f(3), f(false) or f(false))
if 0 then print("0 is true") end
if "" then print("empty string is true") end
