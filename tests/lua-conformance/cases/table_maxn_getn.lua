print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[1.5] = 1, [10] = 2, x = 3}))
print(table.maxn({[-5] = 1}), table.getn({1, 2, 3}), table.getn({}))
print(pcall(table.getn, 5))
