print(("ab"):rep(3), ("x"):rep(0), ("x"):rep(-1), #("abc"):rep(1000))
