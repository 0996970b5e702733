local names = {} for k in pairs(string) do names[#names + 1] = k end table.sort(names) print(table.concat(names, " "))
for _, n in ipairs(names) do io.write(type(string[n]), " ") end print()
