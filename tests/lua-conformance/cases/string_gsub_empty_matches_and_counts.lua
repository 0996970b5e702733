-- gsub with empty matches, anchors, counts (0 and 1), nothing replaced, and each kind of replacement:
-- the text between matches is kept exactly.
print(("hello world"):gsub("o", "0"))
print(("hello"):gsub("", "-"))
print(("abc"):gsub("x*", "<%0>"))
print(("abc"):gsub("^a", "A"))
print(("abc"):gsub("^x", "A"))
print(("abcabc"):gsub("b", "%%", 1))
print(("a b c"):gsub("%s", function() return nil end))
print(("a,b,,c"):gsub(",", {[","] = ";"}))
print(("x"):gsub(".", "%0%0", 0))
print((""):gsub("", "e"))
print(("aaa"):gsub("a-", "."))
print(("abc"):gsub("b*", "X"))
