local s = [[
first]]
print(s, #s)
print([==[
]]]==])
--[[ unclosed comment
