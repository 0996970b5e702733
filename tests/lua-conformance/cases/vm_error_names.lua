local function try(s) print(select(2, pcall(loadstring(s)))) end
aaa = {}
try("aaa={}; (aaa or aaa)()")
try("aaa={}; x=(aaa or aaa)+(aaa and aaa)")
try("local t={} local k='x' t[k].y=1")
try("a={13}; local bbbb=1; a[bbbb](3)")
try("local aaa={bbb={}}; aaa.bbb:ddd(9)")
try("local a,b,c; (function () a = b+1 end)()")
try("x = print .. 'a'")
