-- lua-term 0.07's Lua parts (term, term.colors, term.cursor) over term.core. Under lua5.1 they
-- are Debian's files in /usr/share/lua/5.1/term; under kraken, whose C searcher knows
-- "term.colors" as a built-in (lua5.1's finds no term/colors.so), package.path is emptied
-- first, so that kraken's built-in stand-ins for those files answer instead.
if type(package.loaders[3]("term.colors")) == "function" then package.path = "" end

local term = require "term"
local function show(s) return (tostring(s):gsub("\27", "<ESC>")) end
local function keys(t)
  local r = {}
  for k, v in pairs(t) do r[#r + 1] = k .. "=" .. type(v) end
  table.sort(r)
  return table.concat(r, " ")
end
print(keys(term))
print(term == require "term.core", term.colors == require "term.colors", term.cursor == require "term.cursor")
print(term.maketermfunc)
print(keys(term.cursor))
print(term.cursor.jump == term.cursor["goto"])

-- colors
local colors = term.colors
print(keys(colors))
local names = {}
for k in pairs(colors) do names[#names + 1] = k end
table.sort(names)
for _, name in ipairs(names) do io.write(name, " ", show(colors[name]), " ", show(colors[name].value), "\n") end
print(getmetatable(colors.red) == getmetatable(colors.blue), colors.clear == colors.reset, colors.clear.value == colors.reset.value)
print(keys(getmetatable(colors.red)))
print(show(colors.red "text"), show(colors.bright("x")), show(colors.onblue(12)), show(colors.red(nil)), show(colors.red(false)))
print(show(colors.red .. "a"), show("a" .. colors.red), show(colors.red .. colors.blue), show(1 .. colors.dim), show(colors.dim .. 2.5))
print(show(colors.red .. "a" .. colors.reset), show(colors.red(colors.green "g")))
print(show(colors.red("x") .. colors.reset))
print(type(colors.red "x"), type(colors.red .. "x"), type(tostring(colors.red)))
print(select("#", colors.red("a", "b")), show(colors.red("a", "b")))
print(pcall(function() return colors.red .. setmetatable({}, { __tostring = function() return "T" end }) end))
print(#colors.red.value, colors.red.value:byte(1, -1))
-- the metatable is shared: a change shows in every color
colors.red.value = "[R]"
print(show(colors.red "x"), tostring(colors.red))
colors.red.value = "\27[31m"
-- colors.reset is looked up when a color is called
local reset = colors.reset
colors.reset = "</>"
print(show(colors.green "g"))
colors.reset = reset
print(show(getmetatable(colors.red).__tostring(colors.yellow)), show(getmetatable(colors.red).__concat("a", "b")))
print(show(getmetatable(colors.red).__call(colors.cyan, "c")))

-- terminal functions: to io.stdout by default, or to the file given first
io.write("[") term.clear() term.cleareol() io.write("]\n")
io.write("[") term.cursor.jump(3, 4) term.cursor["goto"](1, 2) term.cursor.goup(2) term.cursor.godown(1)
term.cursor.goright(10) term.cursor.goleft(0) term.cursor.save() term.cursor.restore() io.write("]\n")
local f = io.tmpfile()
print(term.clear(f), term.cleareol(f), term.cursor.jump(f, 7, 8), term.cursor.save(f, "ignored"))
print(term.cursor.goup(f, 2.7), term.cursor.goleft(f, "5"))
f:seek("set")
print(show(f:read("*a")))
io.write("[") print(term.cursor.jump(f, 1, 1) == true) io.write("]\n")
-- string.format's errors (the position and the name of the format function differ: not shown)
local function try(...)
  local ok, message = pcall(...)
  print(ok, (message:gsub("^.*(bad argument #%d+) to '[^']*'", "%1")))
end
try(term.cursor.jump, f, "x", 1)
try(term.cursor.goup, f)
try(term.cursor.jump, {}, 1)
f:close()
-- a closed file is no file to io.type: it goes to the format with io.stdout as the handle
try(term.cursor.goup, f, 1)
io.write("[") term.clear(f) io.write("]\n")
