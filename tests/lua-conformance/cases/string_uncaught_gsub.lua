local s = ("x"):gsub("x", "%9")
print(s)
