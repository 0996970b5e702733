local function test (s, l, p)
  local t = {}
  local function f (event, line) t[#t+1] = line end
  debug.sethook(f,"l"); loadstring(s)(); debug.sethook()
  print(table.concat(t, " "))
end
test([[if
math.sin(1)
then
  a=1
else
  a=2
end
]], {2,4,7})
test([[--
if nil then
  a=1
else
  a=2
end
]], {2,5,6})
test([[a=1
repeat
  a=a+1
until a==3
]], {1,3,4,3,4})
test([[ do
  return
end
]], {2})
test([[local a
a=1
while a<=3 do
  a=a+1
end
]], {2,3,4,3,4,3,4,3,5})
test([[while math.sin(1) do
  if math.sin(1)
  then
    break
  end
end
a=1]], {1,2,4,7})
test([[for i=1,3 do
  a=i
end
]], {1,2,1,2,1,2,1,3})
test([[for i,v in pairs{'a','b'} do
  a=i..v
end
]], {1,2,1,2,1,3})
test([[for i=1,4 do a=1 end]], {1,1,1,1,1})
