print(("f(a(b)c) d"):match("%b()"), ("[[x]]"):match("%b[]"), ("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print(("hello world"):find("%f[%w]%w+", 2))
