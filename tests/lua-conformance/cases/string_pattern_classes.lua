local s = "aZ9 _.\t\n!\0"
for _, c in ipairs{"%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x", "%z", "%A", "%D", "%S", "%W"} do
  io.write(c, "=", select(2, s:gsub(c, "")), " ")
end
print()
