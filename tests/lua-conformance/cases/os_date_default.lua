print(#os.date() > 0, type(os.date("%Y")), os.date("!%Y", 0))
