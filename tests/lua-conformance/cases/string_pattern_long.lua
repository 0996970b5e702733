local s = string.rep("a", 3000)
print(string.find(s, string.rep("a?", 1000) .. string.rep("a", 1000)))
print(#string.match(s, string.rep("a", 1500) .. "(a*)"))
