-- argument checks and C conversions found by the library-call fuzzer, as lua5.1 does them
print(pcall(table.concat, 'a*', {'a', 'b'}, '%'))       -- the separator is checked first
print(pcall(table.concat, {}, '', 1, 2^32))             -- luaL_optint: 2^32 is 0
print(pcall(table.concat, {'a', 'b', 'c'}, ',', 2^32 + 2, 2^32 + 3))
print(os.difftime('5.5'), os.difftime(10.9, 0.9), pcall(os.difftime, 'abc', '(()'))
print(math.log(-0.5), math.log10(-1), math.log(-math.huge))
print(pcall(string.char, -2^53), pcall(string.char, 2^32 + 65), pcall(string.char, 256))
for _, f in ipairs{'%', 'a%', '%5', '%-', '%5.', '%.', '%99', '%1'} do
  print(f, pcall(string.format, f))
end
print(pcall(string.format, '%', 42))
-- a loaded chunk called by name is named in tracebacks, as any function
local f = loadstring("return debug.traceback('here', 1)")
print(f())
print(pcall(setmetatable, {}))
print(math.ldexp(math.huge, 2^31), math.ldexp(1, 2^31), math.ldexp(1, -1074), math.ldexp(3, 4))
print(math.frexp(1e308)) print(math.frexp(-1.7976931348623157e308)) print(math.frexp(4.9406564584125e-324))
print(pcall(string.gsub, 'abc', 'b', true, 'x'))
