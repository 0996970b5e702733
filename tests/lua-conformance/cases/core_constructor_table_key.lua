-- a table constructor whose key is itself an expression in a register ({} or a call) must
-- free that register: the constructor is then one value, not two
print(select("#", { [{}] = 1 }))
local function count(...) return select("#", ...) end
print(count({ [{}] = 1 }), count({ [{}] = 1, [{}] = 2 }, "x"))
print(count({ [tostring(1)] = 1 }), count({ [count()] = true }))
local t = { [{}] = 1, a = { [{}] = { [{}] = 3 } }, [1 + 1] = "two" }
local n = 0
for k in pairs(t) do n = n + 1 end
print(n, t[2])
