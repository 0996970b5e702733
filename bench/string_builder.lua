-- building text the way Lua programs do: a buffer object that collects pieces in a table,
-- string.format for fields, escaping with gsub, and table.concat at the end (CSV and HTML rows).
local Buffer = {}
Buffer.__index = Buffer
function Buffer.new() return setmetatable({n = 0}, Buffer) end
function Buffer:add(s) local n = self.n + 1; self[n] = s; self.n = n; return self end
function Buffer:addf(fmt, ...) return self:add(string.format(fmt, ...)) end
function Buffer:result(sep) return table.concat(self, sep or "", 1, self.n) end

local escapes = {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}
local function html(s) return (s:gsub('[&<>"]', escapes)) end
local function csv(s) if s:find('[,"\n]') then return '"' .. s:gsub('"', '""') .. '"' end return s end

local names = {"Ada", "Grace <admin>", 'Alan "the" Turing', "Barbara, L.", "Edsger & co"}
local total, checksum = 0, 0
for round = 1, 1600 do
  local page, sheet = Buffer.new(), Buffer.new()
  page:add("<table>\n")
  for i = 1, 100 do
    local name = names[(i + round) % #names + 1]
    local score = (i * 37 + round) % 1000 / 10
    page:add("<tr><td>"):add(html(name)):add("</td>"):addf("<td class=\"n\">%6.1f</td>", score):add("</tr>\n")
    local row = Buffer.new()
    row:add(csv(name)):add(string.format("%.1f", score)):add(tostring(i)):add(string.rep("x", i % 4))
    sheet:add(row:result(","))
  end
  page:add("</table>\n")
  local p, s = page:result(), sheet:result("\n")
  total = total + #p + #s
  checksum = (checksum * 31 + p:byte(#p - 10) + s:byte(math.floor(#s / 2))) % 1000003
end
print(total, checksum)
