io.write(1, " ", 1.5, " ", -0.0, " ", 1e100, " ", 2^53, " ", 1/3, "\n")
print(pcall(io.write, {}))
print(pcall(io.write, nil))
