local function f()
  if x then
    print(1)
