io.write(1, " ", 1.5, " ", 1e20, " ", -0.1, " ", 2^53, "\n")
io.write()
io.write("")
local f = io.stdout
f:write("via handle\n")
print(io.type(io.stdout), io.type(io.stdin), io.type(io.stderr))
