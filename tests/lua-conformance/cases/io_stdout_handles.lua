print(io.type(io.stdout), io.type(io.stderr), io.type(io.stdin))
io.stdout:write("direct ", "write\n")
print(io.write("a", "b", "\n") == io.stdout)
