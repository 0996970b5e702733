local s = "a.b.c"
print(s:find("."), s:find(".", 1, true), s:find("%."), s:find("b", -3), s:find("z"), s:find("", 10), s:find("", 6))
