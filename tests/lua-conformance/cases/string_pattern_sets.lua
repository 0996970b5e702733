print(("hello123"):gsub("[a-f]", "."), ("hello123"):gsub("[^%d]", ""), ("a-b]c"):gsub("[%]%-]", "_"))
print(("abc"):match("[]abc]+"), ("x^y"):match("[%^y]+"), ("hello"):find("[l][l]"))
