-- Small functions called from hot code, which the compiling tier inlines at their call sites
-- once the caller has warmed up (more than 1,000 iterations here): results and their
-- adjustment, parameters, upvalues, globals, and then the same call sites given values that
-- take the slow paths (metamethods, coercions, errors) or other functions.
local function add(a, b) return a + b end
local function two(a) return a, a * 2 end
local function three(a) return a, a + 1, a + 2 end
local function none() end
local function get(t) return t.x end
local function setx(t, v) t.x = v end
local function cmp(a, b) if a < b then return "lt" elseif a == b then return "eq" else return "gt" end end
local function le(a, b) return a <= b end
local up = 0
local function bump(n) up = up + n; return up end
local function glob() return gvalue end
local function setglob(v) gset = v end
local function params(a, b, c) return c, b, a end
local function len(t) return #t end
local function neg(x) return -x, not x end
local function method(self, k) return self[k] end
local function fresh(v) return {v, n = v} end

local mt = {
  __add = function(x, y) return "meta+" end,
  __index = function(t, k) return k .. "!" end,
  __newindex = function(t, k, v) rawset(t, k, v * 100) end,
  __lt = function(x, y) return true end,
  __le = function(x, y) return false end,
  __eq = function(x, y) return true end,
  __unm = function(x) return "meta-" end,
}
local chain = setmetatable({}, {__index = {x = "inherited"}})

local lines = {}
local function out(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
  lines[#lines + 1] = table.concat(parts, ",")
end

local sum = 0
for i = 1, 1200 do
  local x = add(i, 1)
  local a, b, c = two(i)
  local n = none()
  local s = cmp(i, 600)
  local l = le(i, 600)
  bump(1)
  gvalue = i
  local g = glob()
  setglob(i)
  local p, q, w = params(i)
  local p2, q2 = params(i, i, i, i, i)
  local t = {x = i}
  setx(t, i * 3)
  local tx = get(t)
  local packed = {three(i)}
  local count = select("#", three(i))
  local ln = len(packed)
  local ng, nt = neg(i)
  local m = method({k = i}, "k")
  local f = fresh(i)
  sum = sum + x + a + b + g + gset + tx + #packed + count + ln + ng + m + f.n + f[1] + (q2 or 0)
  if i % 400 == 0 or i == 1 then
    out(i, x, a, b, c, n, s, l, up, g, gset, p, q, w, p2, q2, tx, #packed, packed[3], count, ln, ng, nt, m, f.n)
  end
  if i == 1150 then
    -- the same call sites, now on their slow paths
    local o = setmetatable({}, mt)
    out(add(o, 1), add("3", "4"), add(2, "5"))
    out(get(o), get(chain), get("str"))
    setx(o, 7)
    out(rawget(o, "x"))
    out(cmp(o, o), cmp("a", "b"), cmp("b", "a"), cmp("a", "a"), le(o, o), le("x", "y"))
    out(neg(o), neg("3"))
    out(len("four"), len({1, 2, 3, nil, 5}))
    out(method("abc", "len") == string.len, method(o, "zz"))
    out(pcall(add, {}, 1))
    out(pcall(add, nil, 1))
    out(pcall(get, nil))
    out(pcall(cmp, 1, "x"))
    out(pcall(cmp, {}, {}))
    out(pcall(len, nil))
    out(pcall(neg, {}))
    out(pcall(setx, 5, 1))
  end
end
print(sum)
print(table.concat(lines, "\n"))

-- a call site that calls another function, a native, or a callable table after warming up
local fs = {function(x) return x + 1 end, function(x) return x * 10 end}
local callable = setmetatable({}, {__call = function(self, x) return x - 1 end})
local total = 0
for i = 1, 3000 do
  local f = fs[1]
  if i > 2000 then f = fs[2] end
  if i == 2500 then f = tostring end
  if i == 2600 then f = callable end
  local v = f(i)
  if type(v) == "number" then total = total + v else total = total + #v end
end
print(total)

-- closures of one function with their own upvalues and environments
local function counter(start)
  local n = start
  return function(step) n = n + step; return n end
end
local envs = {setfenv(function() return marker end, {marker = "A"}), setfenv(function() return marker end, {marker = "B"})}
local cs = {counter(0), counter(1000)}
local acc = 0
for i = 1, 2000 do
  acc = acc + cs[i % 2 + 1](i)
end
local seen = {}
for i = 1, 1500 do
  local v = envs[i % 2 + 1]()
  if i > 1490 then seen[#seen + 1] = v end
end
print(acc, table.concat(seen))

-- tail calls, and arguments that end at Top (a call's or the varargs' results)
local function pick(a, b, c) return c or b or a end
local function tail(x) return add(x, x) end
local function tailpick(...) return pick(...) end
local function nested(x) return pick(two(x)) end
local function fromnative(s) return pick(string.byte(s, 1, -1)) end
local tails = 0
for i = 1, 1500 do
  local s = ("x"):rep(i % 4)
  tails = tails + tail(i) + tailpick(i) + tailpick(i, i + 1) + tailpick(i, i + 1, i + 2, i + 3) + nested(i)
  tails = tails + (fromnative(s) or 0) + select("#", tailpick()) + select("#", tailpick(1, 2, 3, 4))
end
print(tails)
print(pcall(tail, {}))
print(select(2, xpcall(function() return tail("z") end, debug.traceback)))
print(pcall(tail, setmetatable({}, mt)))

-- an error inside an inlined body: the traceback shows the function's frame
local function bad(x) return x.field end
for i = 1, 1500 do bad({field = i}) end
print(pcall(bad, 5))
print(select(2, xpcall(function() local v = bad(7); return v end, debug.traceback)))
for i = 1, 1500 do
  if i == 1499 then print(select(2, pcall(function() return bad(i) end))) end
  bad({field = i})
end
local function finish(v) return v.missing.field end
for i = 1, 1200 do finish({missing = {field = i}}) end
for i = 1, 2 do local r = finish(i == 2 and {} or {missing = {}}) end
