-- cjson.encode: which tables are arrays, sparse arrays, excessively sparse arrays, mixed tables
local cjson = require "cjson"
local function try(...) local ok, r = pcall(cjson.encode, ...) print(ok, r) end
-- objects of several keys: their order is the table's traversal order, so print them sorted
local function tryobj(t)
  local ok, r = pcall(cjson.encode, t)
  if not ok then return print(ok, r) end
  local keys = {}
  for k, v in pairs(cjson.decode(r)) do keys[#keys + 1] = k .. "=" .. cjson.encode(v) end
  table.sort(keys)
  print(ok, #r, r:sub(1, 1), table.concat(keys, " "))
end

try({ 1, 2, 3 })
try({ [1] = "a", [2] = "b" })
try({ 1, 2, nil, 4 })
try({ [3] = "sparse" })
try({ [10] = true })
try({ [11] = true })
try({ [1] = 1, [2] = 2, [3] = 3, [20] = 20 })
try({ [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [12] = 12 })
-- keys that are not positive integers make an object
try({ [0] = "zero" })
try({ [-1] = "minus" })
try({ [1.5] = "half" })
try({ ["1"] = "string one" })
try({ x = 1 })
-- a key of 2^31 or more: lua-cjson's C int overflows and the table becomes an object
try({ [2 ^ 31] = 1 })
try({ [2 ^ 40] = 1 })
try({ [2 ^ 31 - 1] = 1 })
try({ [math.huge] = 1 })
-- key types an object cannot have
local k = {}
try({ [k] = 1 })
try({ [true] = 1 })
try({ [print] = 1 })
try({ [cjson.null] = 1 })
-- values that cannot be encoded
try(print)
try(coroutine.create(function() end))
try(io.stdout)
try({ 1, print })
try({ a = { b = io.stdout } })
-- metatables are ignored: raw contents only
local proxy = setmetatable({}, { __index = function() return 1 end, __len = function() return 3 end })
try(proxy)
try(setmetatable({ 1, 2 }, { __index = { 3, 4 } }))

-- encode_sparse_array(convert, ratio, safe)
print(cjson.encode_sparse_array())
print(cjson.encode_sparse_array(true))
try({ [11] = true })
tryobj({ [1] = 1, [50] = 50 })
print(cjson.encode_sparse_array(false, 0))
try({ [1000] = true })
print(cjson.encode_sparse_array(nil, 3, 0))
try({ [1] = 1, [3] = 3 })
try({ [1] = 1, [4] = 4 })
try({ [1] = 1, [7] = 7 })
print(cjson.encode_sparse_array(true, 1, 0))
try({ [2] = 2 })
try({ 1, 2, 3 })
print(cjson.encode_sparse_array(false, 2, 10))
-- ratio * items wraps like lua-cjson's C int
print(cjson.encode_sparse_array(false, 2147483647, 0))
try({ [1] = 1, [2] = 2, [300] = 300 })
print(cjson.encode_sparse_array(false, 2, 10))

-- nested structures
try({ { 1, { 2, { 3 } } }, { a = { b = {} } } })
tryobj({ list = { 1, 2 }, empty = {}, [3] = "three" })
