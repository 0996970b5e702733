-- line comment
print(1) -- trailing
--[[ block
comment ]] print(2)
--[==[
]] still comment
]==] print(3)
---[[ not a block comment
print(4)
--]]
