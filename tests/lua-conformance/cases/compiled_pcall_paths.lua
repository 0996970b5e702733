-- pcall and xpcall called from hot (compiled) code, with compiled protected functions: results,
-- errors of every kind, handlers, nesting, deep stacks, and the frames after. (Yields inside
-- pcall, which lua5.1 refuses, are in VmTests.)
local function add(a, b) return a + b end
local function fail(msg) error(msg) end
local function failtable() error({code = 42}) end
local function failarith(x) return x.field + 1 end
local function many(n) return n, n * 2, n * 3 end
local function none() end

local out = {}
local function note(...) out[#out + 1] = table.concat({...}, " ") end
for i = 1, 3 do
  local ok, v = pcall(add, i, 10)
  note("add", tostring(ok), tostring(v))
  local ok2, e = pcall(fail, "boom" .. i)
  note("fail", tostring(ok2), tostring(e))
  local ok3, t = pcall(failtable)
  note("table", tostring(ok3), type(t), tostring(t.code))
  local ok4, e4 = pcall(failarith, {})
  note("arith", tostring(ok4), tostring(e4))
  note("many", tostring(select("#", pcall(many, i))), tostring((select(4, pcall(many, i)))))
  note("none", tostring(select("#", pcall(none))))
  local a, b, c = pcall(many, i)
  note("three", tostring(a), tostring(b), tostring(c))
  local ok5, e5 = pcall(fail, nil)
  note("nil error", tostring(ok5), tostring(e5))
  local ok6, e6 = pcall(error, "native f " .. i, 0)
  note("native", tostring(ok6), tostring(e6))
end
print(table.concat(out, "\n"))

-- xpcall: the handler sees the failing frames
local function handler(e) return "handled: " .. tostring(e) .. " / " .. (debug.traceback("tb", 2):match("in function '(%w+)'") or "?") end
local function inner() error("deep", 1) end
local function middle() inner() end
for i = 1, 3 do print(xpcall(middle, handler)) end
for i = 1, 3 do print(xpcall(add, handler)) end
print(xpcall(function() error("in handler too") end, function(e) error("again") end))

-- nesting: pcall inside a pcalled function, errors caught at the right level
local function level2() local ok, e = pcall(fail, "inner") return "inner caught: " .. tostring(e) end
local function level1() local r = level2() error("outer after " .. r) end
for i = 1, 3 do print(pcall(level1)) end

-- recursion through pcall until the C stack overflows, then everything unwinds
local depth = 0
local function recurse() depth = depth + 1 return pcall(recurse) end
for i = 1, 2 do
  depth = 0
  local results = {recurse()}
  print("recursion", depth > 100, results[1], #results)
end

-- an error raised by a metamethod and by a non-compiled path inside the protected function
local mt = {__index = function(t, k) error("no field " .. k) end}
local obj = setmetatable({}, mt)
local function getfield(o) return o.missing end
for i = 1, 3 do print(pcall(getfield, obj)) end
local function loader() return loadstring("return 1 +")() end
for i = 1, 2 do print(pcall(loader)) end

-- the state after many caught errors: frames and stack are as before
local function sum(n) local s = 0 for i = 1, n do local ok, v = pcall(add, s, i) s = v end return s end
print(sum(1000), select("#", pcall(sum, 10)))
