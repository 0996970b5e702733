-- environments inside coroutines: getfenv levels and setfenv on the coroutine body
local env = setmetatable({label = "coenv"}, {__index = _G})
local body = setfenv(function()
  coroutine.yield(label, getfenv(1) == env)
  local function nested() return getfenv(2) == env, label end
  coroutine.yield(nested())
  return getfenv(0) == _G
end, env)
local co = coroutine.create(body)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
local w = coroutine.wrap(function()
  setfenv(1, {yield = coroutine.yield})
  yield(print == nil)
end)
print(w())
