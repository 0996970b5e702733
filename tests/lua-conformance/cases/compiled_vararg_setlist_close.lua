-- VARARG, SETLIST and CLOSE in functions hot enough to be compiled, and GETTABLE with variable keys
-- along __index chains (methods named by a variable, indexes past an array's end).
local function pack(...) return {...}, select("#", ...) end
local function firsttwo(...) local a, b = ... return a, b end
local function count(...) local t = {n = select("#", ...), ...} return t.n, #t end
local total, last = 0, nil
for i = 1, 500 do
  local t, n = pack(i, nil, i * 2)
  total = total + n + (t[1] or 0) + (t[3] or 0)
  local a, b = firsttwo(i)
  if b ~= nil then error("b should be nil") end
  local n2, len = count(i, i + 1, i + 2)
  total = total + n2 + len
  last = {firsttwo(i, i + 1, i + 2)}
end
print(total, #last, last[1], last[2])
-- SETLIST with more than 50 items, and with all the values of a call
local function big(...)
  local t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
    51, 52, 53, ...}
  return #t, t[51], t[#t]
end
for i = 1, 300 do
  local n, x, y = big(i, i + 1)
  if i % 100 == 0 then print(n, x, y) end
end
local many = {}
for i = 1, 600 do many[i] = i end
local function spread() return {unpack(many)} end
for i = 1, 3 do local t = spread() print(#t, t[1], t[512], t[600]) end
-- CLOSE: each iteration's closure keeps its own variable
local fns = {}
for round = 1, 200 do
  for i = 1, 3 do
    local v = i * round
    fns[i] = function() return v end
    if v < 0 then break end
  end
end
print(fns[1](), fns[2](), fns[3]())
-- methods named by a variable through a chain of __index tables, and indexes past the end
local A = {} A.__index = A
function A:hello() return "A.hello" end
local B = setmetatable({}, A) B.__index = B
function B:bye() return "B.bye" end
local obj = setmetatable({10, 20, 30}, B)
local names = {"hello", "bye", "missing"}
local seen = {}
for i = 1, 300 do
  local name = names[i % 3 + 1]
  local m = obj[name]
  seen[name] = m and m(obj) or tostring(m)
  local k = i % 5
  seen[k] = obj[k]
end
for _, k in ipairs({"hello", "bye", "missing"}) do print(k, seen[k]) end
for k = 0, 4 do print(k, seen[k]) end
A[4] = "from A"
for i = 1, 200 do seen.four = obj[4] end
print(seen.four)
