-- setfenv(1, t) inside a function changes the globals it sees from then on
local saved_print, setfenv = print, setfenv
local function sandboxed()
  local t = {print = saved_print, x = "sandbox x"}
  x = "global x before"
  setfenv(1, t)
  print(x)
  y = "written in sandbox"
  return t
end
x = "global x"
local t = sandboxed()
print(x, y, t.y, t.x)
local function twice()
  setfenv(1, {print = saved_print, v = 1})
  print(v)
  setfenv(1, {print = saved_print, v = 2})
  print(v)
end
twice()
print(getfenv(twice).v)
local function setcaller()
  setfenv(2, {print = saved_print, marker = "caller env"})
end
local function victim()
  setcaller()
  print(marker)
end
victim()
print(marker)
