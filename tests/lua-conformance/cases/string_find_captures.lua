print(("key = value"):find("(%w+)%s*=%s*(%w+)"))
print(("2024-01-15"):find("(%d+)-(%d+)-(%d+)"))
print(("abc"):find("()b()"))
