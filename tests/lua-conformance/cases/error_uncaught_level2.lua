-- an uncaught error with level 2 reports the caller's line
local function check(x)
  if type(x) ~= "number" then error("number expected", 2) end
  return x
end
print(check(1))
local function user()
  return check("no")
end
user()
