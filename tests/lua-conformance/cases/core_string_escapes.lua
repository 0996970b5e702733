local s = "\\ \" \' \n \t \065 \0 \255 \1234"
print(#s, s:byte(1, -1))
