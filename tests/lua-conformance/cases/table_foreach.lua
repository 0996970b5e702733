local keys = {}
table.foreach({a = 1}, function(k, v) keys[#keys + 1] = k .. "=" .. v end)
print(keys[1])
table.foreachi({"x", "y"}, print)
print(table.foreachi({1, 2, 3}, function(i, v) if v == 2 then return "stop" end end))
