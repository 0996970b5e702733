print(string.find("aaa", "^a"), string.find("baa", "^a"), string.find("aab", "b$"), string.find("ab$", "b$"))
print(string.gsub("hello", "^h", "H"), string.gsub("hello", "o$", "O"), string.gsub("a$b", "%$", "S"))
print(string.match("x^y", "%^"), string.find("a^", "a^"))
