-- pcall and xpcall called through each other (the inner one is itself a protected call): the
-- handler sees the failing function's frames, results and errors pass through both levels.
local function f() error("boom") end
local function tb(m) return (debug.traceback(m, 1):gsub("\t", "  ")) end
print(pcall(xpcall, f, tb))
print(pcall(xpcall, f, function(m) return "handled: " .. m end))
print(pcall(pcall, error, "e"))
print(select(3, pcall(pcall, error, {code = 1})).code)
print(select("#", pcall(pcall, function() return 1, nil, 3 end)))
print(pcall(pcall, pcall, error, "deep"))
print(pcall(xpcall, function() return "ok", 2 end, print))
print(xpcall(pcall, function(m) return "handler: " .. m end))
print(pcall(xpcall))
print(pcall(xpcall, f))
print(pcall(pcall))
print(pcall(xpcall, f, function() error("again") end))
print(pcall(xpcall, xpcall, function(m) return "outer " .. tostring(m) end))
print(xpcall(function() return pcall(xpcall, f, tb) end, print))

-- the same inside a coroutine (lua5.1 cannot yield inside a pcall: the yield is outside)
local co = coroutine.create(function(...)
  local r = {pcall(pcall, select, "#", coroutine.yield(...))}
  print("after yield", unpack(r))
  print(pcall(xpcall, f, tb))
  return "done"
end)
print(coroutine.resume(co, "a", "b"))
print(coroutine.resume(co, "c", "d"))
print(coroutine.status(co))

-- errors in a Lua function called by the inner pcall, caught at each level in turn
local depth = 0
local function nested(n)
  depth = depth + 1
  if n == 0 then error("bottom reached at depth " .. depth) end
  return pcall(pcall, nested, n - 1)
end
print(nested(3))
