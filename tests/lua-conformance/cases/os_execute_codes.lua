print(os.execute("exit 0"), os.execute("exit 3") ~= 0, os.execute() ~= 0)
