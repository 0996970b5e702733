for _, s in ipairs({"10", "0x10", "1e1", " 7 ", "7 x", "", " ", "0x", "1e", ".5", "5.", "-3", "- 3", "+3", "1.2.3", "0X1F", "inf", "nan"}) do
  io.write(string.format("%q", s), "=", tostring(tonumber(s)), " ")
end
print()
print("10" + 1, "0x10" * 1, "1e1" - 0, pcall(function() return "x" + 1 end))
