-- Small functions called from hot code, which the compiling tier inlines at their call sites
-- once the caller has warmed up (more than 1,000 iterations here): results and their
-- adjustment, parameters, upvalues, globals, and then the same call sites given values that
-- take the slow paths (metamethods, coercions, errors) or other functions. Each later part runs
-- in a function of its own: a function is compiled once, with what its calls called until then.
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
;(function()
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
end)()

-- closures of one function with their own upvalues and environments
;(function()
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
end)()

-- tail calls, and arguments that end at Top (a call's or the varargs' results)
;(function()
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
end)()

-- small functions that call natives with a short path: constructors, accessors, conversions
;(function()
  local Point = {}
  Point.__index = Point
  local function newPoint(x, y) return setmetatable({x = x, y = y}, Point) end
  local function floorOf(v) return math.floor(v / 2) end
  local function kind(v) return type(v) end
  local function head(s) return s:sub(1, 2) end
  local function tailOf(s) return string.sub(s, 3) end
  local function bytes(s) return string.byte(s, 1, 3) end
  local function count(...) return select("#", ...) end
  local function clamp(v) return math.max(0, math.min(v, 10)) end
  fl = math.floor
  local function viaGlobal(v) return fl(v) end
  local function attach(t) return setmetatable(t, Point) end
  local protected = setmetatable({}, {__metatable = "locked"})
  local natives = {}
  local nsum = 0
  for i = 1, 1500 do
    local p = newPoint(i, -i)
    local k = kind(i % 2 == 0 and p or i)
    local b1, b2, b3 = bytes("xyz")
    nsum = nsum + p.x + (getmetatable(p) == Point and 1 or 0) + floorOf(i) + #k + #head("abcdef") + #tailOf("abcdef") + b1 + b3 + clamp(i - 5)
    if i == 1200 then fl = tostring end
    local g = viaGlobal(i + 0.5)
    attach({})
    nsum = nsum + (type(g) == "string" and #g or g)
    if i == 1300 then
      natives[#natives + 1] = tostring(pcall(setmetatable, protected, Point))
      natives[#natives + 1] = select(2, pcall(newPoint, 1, 2)) == nil and "nil" or "point"
      natives[#natives + 1] = tostring(select(2, pcall(attach, protected)))
      natives[#natives + 1] = tostring(select(2, pcall(function() local r = attach(protected); return r end)))
      natives[#natives + 1] = tostring(select(2, pcall(floorOf, "x")))
      natives[#natives + 1] = tostring(select(2, pcall(head, 42)))
      natives[#natives + 1] = tostring(select(2, pcall(head, {})))
      natives[#natives + 1] = tostring(select(2, pcall(clamp, "7")))
      natives[#natives + 1] = tostring(select(2, pcall(clamp, {})))
    end
  end
  print(nsum, table.concat(natives, " | "))
end)()

-- a call that calls two or three small functions in turn, and one that calls four
;(function()
  local shapes = {
    {area = function(s) return s.w * s.h end, w = 2, h = 3},
    {area = function(s) return s.r * s.r * 3 end, r = 2},
    {area = function(s) return s.side * s.side end, side = 5},
    {area = function(s) return 1 end},
  }
  local areas = {0, 0, 0}
  for n = 1, 3 do
    for i = 1, 1500 do
      local s = shapes[i % (n + 1) + 1]
      areas[n] = areas[n] + s:area()
      if i == 1400 then areas[n] = areas[n] + shapes[2].area({r = 10}) end
    end
  end
  print(areas[1], areas[2], areas[3], pcall(shapes[1].area, {w = "a", h = 2}))
end)()

-- small functions that call small functions, inlined in turn (three deep at most), and the
-- frames they make when a body deep inside leaves
;(function()
  local V = {}
  V.__index = V
  local function new(x, y) return setmetatable({x = x, y = y}, V) end
  function V.add(a, b) return new(a.x + b.x, a.y + b.y) end
  function V:len2() return self.x * self.x + self.y * self.y end
  function V:scaled(k) return new(self.x * k, self.y * k) end
  function V:norm2k(k) local s = self:scaled(k); return s:len2() end
  local function deep(v) local n = v:norm2k(2); return n + 1 end
  local function deeper(v) local n = deep(v); return n end
  local acc, total = new(0, 0), 0
  for i = 1, 1500 do
    local v = new(i % 7, i % 5)
    acc = acc:add(v)
    total = total + v:len2() + v:norm2k(3) + deep(v) + deeper(v)
    if i == 1400 then
      print(pcall(V.add, v, {x = "a", y = 1}))
      print(pcall(function() local r = v:norm2k("k"); return r end))
      print(select(2, xpcall(function() local r = deep(setmetatable({x = {}, y = 1}, V)); return r end, debug.traceback)))
      print(select(2, xpcall(function() local r = deeper(setmetatable({x = 1, y = false}, V)); return r end, debug.traceback)))
      local weird = setmetatable({x = 2, y = 3}, {__index = V})
      print(deep(weird), deeper(weird), weird:norm2k(1))
      local meta = setmetatable({}, {__index = function(t, k) return k == "x" and 4 or 5 end})
      print(V.len2(meta), pcall(V.norm2k, setmetatable(meta, V), 1))
    end
  end
  print(acc.x, acc.y, total)
end)()

-- small functions that make other calls: their frame is made when they call (lazily), so what
-- they call sees every frame it would have seen
;(function()
  local log = {}
  local function note(...) log[#log + 1] = table.concat({...}, " ") end
  local function where() return debug.getinfo(2, "l").currentline end
  local function named() local info = debug.getinfo(1, "n"); return info.name end
  local function trace() return debug.traceback("t", 1) end
  local function fails(x) if x > 1490 then error("level two", 2) end return x end
  local function wrapped(x) local v = fails(x); return v end
  local function label(x) return "<" .. x .. ">" end
  local function memo(cache, f, k) local v = cache[k]; if v == nil then v = f(k); cache[k] = v end return v end
  local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
  local function square(k) return k * k end
  local cache = {}
  local lines, labels, memos, fibs = 0, 0, 0, 0
  for i = 1, 1500 do
    lines = lines + where()
    labels = labels + #label(i)
    memos = memos + memo(cache, square, i % 50)
    fibs = fibs + fib(i % 12)
    local ok, err = pcall(wrapped, i)
    if not ok then note(err) end
    if i == 1450 then
      note(named() or "nil", (trace():gsub("\n%s*", " | ")))
      note(tostring(pcall(label, {})))
      note(select(2, pcall(label, nil)))
      note(tostring(memo(cache, function(k) return k + 0.5 end, 77)))
    end
  end
  print(lines, labels, memos, fibs)
  print(table.concat(log, "\n"))
  -- yields from inside, and a hook set from inside
  local function ask(q) local a = coroutine.yield(q); return a * 2 end
  local co = coroutine.wrap(function()
    local s = 0
    for i = 1, 1500 do s = s + (i % 100 == 0 and ask(i) or i) end
    return "sum", s
  end)
  local v, n = co(), 0
  while v ~= "sum" do n = n + 1; v = co(v + 1) end
  print(n, select(2, co ~= nil and "sum" or nil))
  local calls = 0
  local function arm(i) if i == 1400 then debug.sethook(function() calls = calls + 1 end, "c") end return i end
  local function id(x) return x end
  local total = 0
  for i = 1, 1500 do total = total + id(arm(i)) end
  debug.sethook()
  print(total, calls > 0)
end)()

-- vararg functions (with counted arguments): constructors forwarding to init, wrappers
-- forwarding everything, and what the interpreter finds in their frames when they leave
;(function()
  local function class(parent)
    local c = {}
    c.__index = c
    if parent then setmetatable(c, {__index = parent}) end
    c.new = function(...)
      local o = setmetatable({}, c)
      o:init(...)
      return o
    end
    return c
  end
  local Base = class()
  function Base:init(name) self.name = name end
  local Pair = class(Base)
  function Pair:init(a, b) Base.init(self, "pair"); self.a = a; self.b = b end
  local function bind(obj, method) return function(...) return obj[method](obj, ...) end end
  function Pair:sum(k) return self.a + self.b + (k or 0) end
  local function count(...) return select("#", ...) end
  local function firstTwo(...) local x, y = ...; return x, y end
  local function pack(...) return {...} end
  local function middle(a, ...) local b, c = ...; return a .. "/" .. tostring(b) .. "/" .. tostring(c) end
  local function late(...) local x, y = ...; return x + y end
  local total, names = 0, 0
  for i = 1, 1500 do
    local p = Pair.new(i, i % 3)
    local f = bind(p, "sum")
    total = total + f() + f(10) + count() + count(i) + count(i, nil, nil) + #pack(i, i, i)
    local x, y = firstTwo(i)
    total = total + x + (y or 0)
    names = names + #p.name + #middle(i) + #middle(i, i) + #middle(i, i, i, i)
    total = total + late(i, i)
    if i == 1400 then
      print(pcall(late, "a", 1))
      print(late("1", "2"), pcall(late, {}, 1))
      print(select(2, xpcall(function() local r = late(nil, 1); return r end, debug.traceback)))
      local mt = setmetatable({}, {__add = function(a, b) return "added" end})
      print(late(mt, 1), count(nil, nil), middle("x"), (pcall(Pair.new, nil)))
      print(select(2, pcall(bind({}, "missing"))))
    end
  end
  print(total, names)
end)()

-- a recursive function inlines itself once: its base cases cost no frame, and an error deep
-- in the recursion shows every level
;(function()
  local function sum(t, i) if i > #t then return 0 end return t[i] + sum(t, i + 1) end
  local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
  local list, total = {}, 0
  for i = 1, 30 do list[i] = i end
  for i = 1, 1500 do total = total + sum(list, i % 30 + 1) + depth(i % 9) end
  print(total, depth(150), pcall(depth, 1e6))
  print(select(2, xpcall(function() return sum({1, 2, 3, "x", {}}, 1) end, debug.traceback)))
  print(pcall(sum, {1, 2, setmetatable({}, {__add = function(a, b) return 100 end})}, 1))
end)()

-- an error inside an inlined body: the traceback shows the function's frame
local function bad(x) return x.field end
local function caller(v) local r = bad(v); return r end
for i = 1, 1500 do caller({field = i}) end
print(pcall(caller, 5))
print(select(2, xpcall(function() return caller(7) end, debug.traceback)))
local function finish(v) return v.missing.field end
local function last(v) local r = finish(v); return r end
for i = 1, 1200 do last({missing = {field = i}}) end
last({})
