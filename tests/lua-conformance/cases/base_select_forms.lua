print(select("#"), select("#", nil, nil), select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(pcall(select, 0, 1))
print(pcall(select, -5, 1))
