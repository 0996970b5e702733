-- chunks from loadstring get the global environment, not the caller's
gval = "global"
local function sandbox()
  setfenv(1, {gval = "sandbox", loadstring = loadstring, print = print})
  local chunk = loadstring("return gval")
  print(chunk())
  print(gval)
  local c2 = loadstring("newglobal = 1")
  c2()
end
sandbox()
print(newglobal)
local c3 = loadstring("return ...")
print(c3(1, 2, 3))
local c4 = loadstring("x4 = 4; return getfenv(1) == _G")
print(c4(), x4)
local env = {}
local c5 = setfenv(loadstring("y5 = 5; return y5"), env)
print(c5(), y5, env.y5)
local f6 = assert(loadstring("local a = ... ; return a * 2", "=mychunk"))
print(f6(21))
print(type(loadstring("error('in chunk')", "=named")))
print(pcall(loadstring("error('in chunk')", "=named")))
print(pcall(loadstring("error('in chunk')", "code string")))
