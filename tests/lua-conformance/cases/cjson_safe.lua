-- cjson.safe: the same module, but encode and decode return nil, message instead of raising errors
local safe = require "cjson.safe"
local cjson = require "cjson"
print(type(safe), safe ~= cjson, safe._NAME, safe._VERSION, safe.null == cjson.null, require("cjson.safe") == safe)
local names = {}
for k in pairs(safe) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))

print(safe.encode({ 1, 2, 3 }), safe.decode("[1,2,3]")[3])
print(safe.encode(print))
print(safe.encode({ [1] = 1, [100] = 2 }))
print(safe.encode(math.huge))
print(safe.decode("[1,]"))
print(safe.decode("Oops"))
print(safe.decode(""))
print(safe.decode("\0\0"))
print(safe.decode(nil))
print(safe.decode({}))
print(safe.decode(12))
print(select("#", safe.decode("[1]")), select("#", safe.decode("[")))
print(select("#", safe.encode(1)), select("#", safe.encode(print)))
-- a wrong number of arguments is still an error
print(pcall(safe.encode))
print(pcall(safe.encode, 1, 2))
print(pcall(safe.decode, "1", "2"))
print(pcall(function() return safe.decode() end))
-- configuration errors are still errors
print(pcall(safe.encode_max_depth, 0))
print(pcall(function() return safe.encode_number_precision(20) end))
-- its own settings
print(safe.encode_max_depth(2), cjson.encode_max_depth())
print(safe.encode({ { { 1 } } }))
print(safe.decode_max_depth(2), safe.decode("[[[1]]]"))
safe.encode_max_depth(1000)
safe.decode_max_depth(1000)
-- new() gives another safe module
local s2 = safe.new()
print(s2 ~= safe, s2.decode("x"), s2.encode_max_depth(), s2.new ~= nil)
local s3 = s2.new()
print(s3.encode(coroutine.create(function() end)))
-- cjson.new() stays unsafe
print(pcall(cjson.new().decode, "x"))
-- deep data comes back as a message too
local deep = {}
deep[1] = deep
print(safe.encode(deep))
print(safe.decode(string.rep("[", 2000)))
