local function add(a, b) return a + b end
print(add(1, 2), add(1, 2, 3), pcall(add, 1))
local function noret() end
print(noret(), select('#', noret()))
local function multi() return 1, 2, 3 end
print(multi(), (multi()))
print(({multi()})[3])
local t = {multi(), multi()}
print(#t)
local function rec(n) if n == 0 then return 0 end return n + rec(n - 1) end
print(rec(100))
function globalfn(x) return x * 2 end
print(globalfn(21))
local obj = {v = 5}
function obj.get(self) return self.v end
function obj:get2() return self.v * 2 end
print(obj:get(), obj.get2(obj))
