local s = "hello"
print(s:len(), s.len == string.len, ("x"):rep(2))
print(pcall(function() return s.nosuch() end))
string.custom = function(self) return "custom:" .. self end
print(s:custom())
