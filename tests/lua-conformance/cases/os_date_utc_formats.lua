local T = 1234567890
for _, f in ipairs{"%Y-%m-%d", "%H:%M:%S", "%a %A %b %B", "%d/%m/%y", "%j", "%p", "%I", "%w", "%%", "%y%m%d", "%c", "%x", "%X", "%U %W"} do
  print(f, os.date("!" .. f, T))
end
for _, t in ipairs{0, 86400 * 3, 86400 * 4, 86400 * 10, 946684800, 946684800 + 86400 * 2, 1700000000, 1704067200, 1704067200 + 86400 * 6} do
  print(os.date("!%Y-%m-%d %a %j %U %W", t))
end
