local t = {1, 2, 3, x = "a", ["y z"] = "b", [10] = 10; 4}
print(#t, t.x, t["y z"], t[10], t[4])
t.x = nil
print(t.x)
local nested = {a = {b = {c = "deep"}}}
print(nested.a.b.c)
local arr = {}
for i = 1, 100 do arr[i] = i end
print(#arr)
arr[#arr + 1] = 101
print(#arr, arr[101])
local keys = {}
keys[1.5] = "f"; keys[true] = "t"; keys["1"] = "s"; keys[1] = "n"
print(keys[1.5], keys[true], keys["1"], keys[1], keys[1.0])
print(pcall(function() local z = {}; z[nil] = 1 end))
print(pcall(function() local z = {}; z[0/0] = 1 end))
local big = {}
for i = 1, 10 do big[i] = i end
for i = 1, 10 do big[i] = nil end
print(#big)
print(next({}))
