local s = "Hello World 123 !?\t\n_x"
for _, c in ipairs({"%a", "%A", "%d", "%D", "%l", "%L", "%s", "%S", "%u", "%U", "%w", "%W", "%x", "%p", "%c"}) do
  local r = string.gsub(s, c, "#")
  io.write(c, "=", r:gsub("\n", "N"):gsub("\t", "T"), " ")
  print()
end
