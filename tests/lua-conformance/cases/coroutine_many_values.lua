-- Resumes and yields passing thousands of values, up to the stack limit, from compiled code.
local co = coroutine.wrap(function(...)
  local n = select('#', ...)
  while true do n = select('#', coroutine.yield(n)) end
end)
for i = 1, 2000 do co(1) end
for _, size in ipairs({10, 1000, 7000, 7990, 8000, 20000}) do
  local big = {}
  for i = 1, size do big[i] = i end
  print(size, pcall(function() return co(unpack(big)) end))
end
local echo = coroutine.wrap(function(...)
  local args = {...}
  while true do args = {coroutine.yield(unpack(args))} end
end)
for i = 1, 2000 do echo(1, 2) end
for _, size in ipairs({10, 7000, 7990, 20000}) do
  local big = {}
  for i = 1, size do big[i] = i end
  print(size, pcall(function() return select('#', echo(unpack(big))) end))
end
print(pcall(echo, 1))
