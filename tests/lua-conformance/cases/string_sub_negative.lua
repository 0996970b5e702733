local s = "hello world"
print(s:sub(1, 5), s:sub(-5), s:sub(-5, -2), s:sub(0), s:sub(20), s:sub(3, 2), s:sub(-100, 2))
