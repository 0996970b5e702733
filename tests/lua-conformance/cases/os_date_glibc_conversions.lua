-- os.date hands each "%c" pair to glibc's strftime: its C99 and GNU conversions work, and a
-- flag or width ("%-d") is not a conversion (strftime gives "%-" back and "d" stays text)
for _, y in ipairs{1, 5, 99, 999, 1900, 1969, 2024, 10000, 33658, 0, -1, -5, -101} do
  local t = os.time{year = y, month = 3, day = 1, hour = 0} - os.time{year = 1970, month = 1, day = 1, hour = 0}
  print(y, os.date("!%Y|%C|%y|%G|%g|%V|%c|%x|%D|%F|%j|%U|%W|%u|%w|%e|%k|%l|%I|%p|%P|%r|%s|%z|%Z|%h", t))
end
-- ISO weeks around the turn of the year
for d = 0, 20 do
  local t = (os.time{year = 2004 + d % 4, month = 12, day = 24 + d, hour = 12} - os.time{year = 1970, month = 1, day = 1, hour = 0})
  io.write(os.date("!%F %G-W%V-%u %g|", t))
end
print()
for h = 0, 23, 5 do io.write(os.date("!%k,%l,%P,%p,%I|", h * 3600)) end
print()
print(os.date("!%-d %_d %05d %^a %#b %E %O %+ %q %% %", 86400 * 400))
print(os.date("!%Ec|%Oy|%n|%t|", 0))
for _, f in ipairs{"%5", "%9", "%0", "%1", "%2", "%_", "%-", "%^", "%#", "%E", "%O", "%:", "%3x", "%+", "%!", "%5.2f"} do io.write("[", os.date("!" .. f, 0), "]") end
print()
