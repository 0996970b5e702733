print(os.difftime(10, 4), os.difftime(5), type(os.clock()), os.clock() >= 0)
