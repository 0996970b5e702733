local t = {1, 2, [10] = 10, x = "x", ["y z"] = 3; 4, n = nil}
print(t[1], t[2], t[3], t[10], t.x, t["y z"], t.n)
local function three() return 1, 2, 3 end
print(#{three()}, #{three(), three()}, #{(three())})
