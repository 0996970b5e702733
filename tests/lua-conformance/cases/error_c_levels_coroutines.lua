-- a resume is one "C" level; a coroutine starts at its resumer's level
local function nest(n)
  local co = coroutine.create(function() return nest(n + 1) end)
  local ok, r = coroutine.resume(co)
  if not ok then return n end
  return r
end
print("resume depth", nest(0))

local function nestp(n)
  local co = coroutine.create(function()
    local ok, r = pcall(nestp, n + 1)
    return r
  end)
  local ok, r = coroutine.resume(co)
  if not ok then return n end
  return r
end
print("resume+pcall depth", nestp(0))

local function wraps(n)
  return coroutine.wrap(function() return wraps(n + 1) end)()
end
local ok, e = pcall(wraps, 0)
local _, positions = string.gsub(e, "error_c_levels_coroutines.lua:%d+: ", "")
print("nested wraps", ok, positions, string.match(e, "C stack overflow$"))
