print("tab\tnewline\\n", 'single "quoted"', "double 'quoted'")
print("\65\066\0677", "a\
b", "\x", #"\0abc")
print([[long
string]], [==[with ]] inside]==], #[[
skipfirst]])
print("\a\b\f\v\r" == "\7\8\12\11\13")
-- comment
--[[ long
comment ]] print("after long comment")
--[==[ ]] ]==] print("after level comment")
print(0x10, 0xff, 1e2, .5, 3., 5e-1, 0XA)
