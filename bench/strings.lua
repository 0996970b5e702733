-- string building and pattern matching: format, concat, gsub, find, match, table.concat.
local lines = {}
for i = 1, 400000 do
  lines[#lines + 1] = string.format("%05d|user%d@example.com|%s|%.2f", i, i % 977, i % 3 == 0 and "active" or "idle", i / 7)
end
local text = table.concat(lines, "\n")
local active, total, domains = 0, 0, {}
for id, mail, state, amount in text:gmatch("(%d+)|([^|]+)|(%a+)|([%d%.]+)") do
  if state == "active" then active = active + 1 end
  total = total + tonumber(amount)
  local domain = mail:match("@(.+)$")
  domains[domain] = (domains[domain] or 0) + 1
end
local upper = text:sub(1, 200000):gsub("user(%d+)", function(n) return "U" .. (n * 2) end)
local count = select(2, text:gsub("example", "sample"))
local pieces = {}
for i = 1, 20000 do pieces[i] = ("x"):rep(i % 10) .. tostring(i) end
local joined = table.concat(pieces, ",")
local found = 0
local pos = 1
while true do
  local s, e = joined:find("9,", pos, true)
  if not s then break end
  found = found + 1
  pos = e + 1
end
print(active, string.format("%.2f", total), domains["example.com"], #upper, count, #joined, found)
