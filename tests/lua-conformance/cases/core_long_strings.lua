local a = [[
line1
line2]]
print(a, #a)
print([==[a]]b]=]c]==])
print([[]] == "", [[
]] == "")
local b = [=[
]=]
print(#b)
