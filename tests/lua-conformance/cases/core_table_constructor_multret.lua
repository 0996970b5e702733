local function three() return 1, 2, 3 end
local t1 = {three()}
local t2 = {three(), three()}
local t3 = {(three())}
local t4 = {three(), nil}
local t5 = {x = three(), three()}
print(#t1, #t2, #t3, t4[1], t4[2], t5.x, #t5)
local big = {}
for i = 1, 120 do big[i] = i end
local copy = {unpack(big)}
print(#copy, copy[120])
