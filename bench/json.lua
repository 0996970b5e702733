-- a JSON encoder and decoder written in Lua, round-tripping a generated document.
local function encode(v, out)
  local t = type(v)
  if t == "table" then
    if #v > 0 then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode(v[i], out)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = string.format("%q", k)
        out[#out + 1] = ":"
        encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  elseif t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
  elseif t == "number" then
    out[#out + 1] = string.format("%.14g", v)
  else
    out[#out + 1] = tostring(v)
  end
end

local decode
local function skip(s, i) return s:find("[^ \t\r\n]", i) or #s + 1 end
local function decodeString(s, i)
  local parts = {}
  local j = i + 1
  while true do
    local c = s:sub(j, j)
    if c == '"' then return table.concat(parts), j + 1 end
    if c == "\\" then
      local hex = s:sub(j + 2, j + 5)
      parts[#parts + 1] = string.char(tonumber(hex, 16))
      j = j + 6
    else
      local k = s:find('["\\]', j)
      parts[#parts + 1] = s:sub(j, k - 1)
      j = k
    end
  end
end
function decode(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return obj, i + 1 end
    while true do
      local key
      key, i = decodeString(s, skip(s, i))
      i = skip(s, i) + 1
      obj[key], i = decode(s, i)
      i = skip(s, i)
      local d = s:sub(i, i)
      i = i + 1
      if d == "}" then return obj, i end
    end
  elseif c == "[" then
    local arr = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decode(s, i)
      i = skip(s, i)
      local d = s:sub(i, i)
      i = i + 1
      if d == "]" then return arr, i end
    end
  elseif c == '"' then
    return decodeString(s, i)
  elseif s:find("^true", i) then return true, i + 4
  elseif s:find("^false", i) then return false, i + 5
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    return tonumber(num), i + #num
  end
end

local doc = {}
for i = 1, 4000 do
  doc[i] = {id = i, name = "item \"" .. i .. "\"", price = i * 1.25, tags = {"a", "b" .. i % 5}, active = i % 2 == 0}
end
local total = 0
for round = 1, 15 do
  local out = {}
  encode(doc, out)
  local text = table.concat(out)
  local back = decode(text, 1)
  total = total + #text + #back + back[#back].id
end
print(total)
