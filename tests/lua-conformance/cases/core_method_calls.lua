local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance}, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
local acc = Account.new(100)
print(acc:deposit(50):deposit(25):get())
local s = "hello"
print(s:upper(), s:sub(2, 3), s:rep(2, ""), ("%d"):format(7))
print(pcall(function() local n = 5; return n:foo() end))
