local f = print
f
("x")
