print(("abc"):reverse(), (""):reverse(), #"\0\0", ("a\0b"):len(), #"é")
