local goto_ = 1
local continue = 2
local self = 3
print(goto_, continue, self)
local t = {["end"] = 1, ["if"] = 2}
print(t["end"], t["if"])
