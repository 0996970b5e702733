print(string.format("[%s] [%10s] [%-10s] [%.2s] [%5.2s]", "abc", "abc", "abc", "abc", "abc"))
print(string.format("%s %s %s", 1, 1.5, true == true and "t"), string.format("%%"))
