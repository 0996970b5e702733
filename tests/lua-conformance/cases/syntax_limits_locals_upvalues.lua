local  s = "function foo ()\n  local "
for j = 1,70 do s = s.."a"..j..", " end
s = s.."b\n"
for j = 1,70 do s = s.."function foo"..j.." ()\n a"..j.."=3\n" end
print(loadstring(s))
s = "\nfunction foo ()\n  local "
for j = 1,300 do s = s.."a"..j..", " end
s = s.."b\n"
print(loadstring(s))
s = "local "
for j = 1,201 do s = s.."a"..j..", " end
print(loadstring(s .. "b = 1"))
