print(("hello 'quoted' text"):match("(['\"])(.-)%1"))
print(("abcabc"):match("(abc)%1"), ("aa bb cd"):gsub("(%a)%1", "<%1>"))
