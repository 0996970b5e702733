-- The first example: kraken runs plain Lua 5.1 scripts like lua does.
local greeting = string.format("Hello from %s!", _VERSION)
print(greeting)
local squares = {}
for i = 1, 5 do squares[#squares + 1] = i * i end
print("squares: " .. table.concat(squares, " "))
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
print("from a coroutine:", co(), co(), co())
