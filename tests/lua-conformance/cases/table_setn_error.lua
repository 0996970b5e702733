print(pcall(table.setn, {}, 3))
