-- EXTENSION (lua5.1 raises "attempt to yield across metamethod/C-call boundary" here):
-- a Lua metamethod reached by an opcode may yield; the opcode finishes when it returns.
local mt = {__index = function(t, k) return coroutine.yield("index " .. k) end,
            __newindex = function(t, k, v) rawset(t, k, coroutine.yield("newindex " .. k)) end,
            __add = function(a, b) return coroutine.yield("add") end,
            __unm = function(a) return coroutine.yield("unm") end,
            __len = function(a) return coroutine.yield("len") end,
            __call = function(self, x) return coroutine.yield("call " .. x) end,
            __eq = function() return coroutine.yield("eq") end,
            __lt = function() return coroutine.yield("lt") end}
local co = coroutine.wrap(function()
  local t = setmetatable({}, mt)
  local u = setmetatable({}, mt)
  print("got", t.foo)
  t.bar = "ignored"
  print("bar", rawget(t, "bar"))
  print("sum", t + 1)
  print("neg", -t)
  print("called", t(5))
  print("eq", t == u, "then")
  if t < u then print("lt taken") else print("lt not taken") end
  if t <= u then print("le taken") else print("le not taken") end -- __le absent: not (u < t)
  local p = newproxy(true)
  getmetatable(p).__len = mt.__len
  print("len", #p)
  return "end"
end)
local answers = {"r-index", "r-newindex", "r-add", "r-unm", "r-call", true, true, true, 7}
local out = co()
for i = 1, #answers do
  print("yielded:", out)
  out = co(answers[i])
end
print("returned:", out)
-- an error in a metamethod run this way still names its position
local bad = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return bad.x end))
