-- a recursive-descent parser: tokenizes arithmetic expressions with string.find, parses them into
-- trees by mutually recursive functions (expr -> term -> factor -> unary), and evaluates the trees.
local function tokenize(s)
  local tokens, pos = {}, 1
  while pos <= #s do
    local a, b = s:find("^%s+", pos)
    if a then pos = b + 1 end
    if pos > #s then break end
    a, b = s:find("^%d+%.?%d*", pos)
    if a then
      tokens[#tokens + 1] = {kind = "num", value = tonumber(s:sub(a, b))}
    else
      a, b = s:find("^[%a_][%w_]*", pos)
      if a then tokens[#tokens + 1] = {kind = "name", value = s:sub(a, b)}
      else b = pos; tokens[#tokens + 1] = {kind = s:sub(pos, pos)} end
    end
    pos = b + 1
  end
  tokens[#tokens + 1] = {kind = "eof"}
  return tokens
end

local Parser = {}
Parser.__index = Parser
function Parser.new(tokens) return setmetatable({tokens = tokens, i = 1}, Parser) end
function Parser:peek() return self.tokens[self.i].kind end
function Parser:next() local t = self.tokens[self.i]; self.i = self.i + 1; return t end
function Parser:expect(kind) local t = self:next(); assert(t.kind == kind, kind .. " expected"); return t end
function Parser:expr()
  local left = self:term()
  while self:peek() == "+" or self:peek() == "-" do
    local op = self:next().kind
    left = {op = op, left, self:term()}
  end
  return left
end
function Parser:term()
  local left = self:unary()
  while self:peek() == "*" or self:peek() == "/" or self:peek() == "%" do
    local op = self:next().kind
    left = {op = op, left, self:unary()}
  end
  return left
end
function Parser:unary()
  if self:peek() == "-" then self:next(); return {op = "neg", self:unary()} end
  return self:factor()
end
function Parser:factor()
  local t = self:next()
  if t.kind == "num" then return {op = "num", value = t.value} end
  if t.kind == "name" then
    if self:peek() == "(" then
      self:next()
      local args = {self:expr()}
      while self:peek() == "," do self:next(); args[#args + 1] = self:expr() end
      self:expect(")")
      return {op = "call", name = t.value, args = args}
    end
    return {op = "var", name = t.value}
  end
  if t.kind == "(" then local e = self:expr(); self:expect(")"); return e end
  error("unexpected " .. t.kind)
end

local functions = {
  max = function(a, b) return a > b and a or b end,
  min = function(a, b) return a < b and a or b end,
  abs = function(a) return a < 0 and -a or a end,
}
local function eval(node, env)
  local op = node.op
  if op == "num" then return node.value
  elseif op == "var" then return env[node.name]
  elseif op == "+" then return eval(node[1], env) + eval(node[2], env)
  elseif op == "-" then return eval(node[1], env) - eval(node[2], env)
  elseif op == "*" then return eval(node[1], env) * eval(node[2], env)
  elseif op == "/" then return eval(node[1], env) / eval(node[2], env)
  elseif op == "%" then return eval(node[1], env) % eval(node[2], env)
  elseif op == "neg" then return -eval(node[1], env)
  elseif op == "call" then
    local args = {}
    for i, a in ipairs(node.args) do args[i] = eval(a, env) end
    return functions[node.name](unpack(args))
  end
end

local sources = {
  "1 + 2 * 3 - 4 / 2",
  "(x + y) * (x - y) % 7",
  "max(x, y) * -min(3, abs(x - 10)) + 2.5",
  "((((x))))*((y+1)*(y+2))/(x+1)",
  "abs(-x * 3 + y * y - 12) % 11 + max(1, min(x, y))",
}
local sum, nodes = 0, 0
local function count(n) local c = 1 for _, k in ipairs(n) do c = c + count(k) end if n.args then for _, a in ipairs(n.args) do c = c + count(a) end end return c end
for round = 1, 6000 do
  for _, src in ipairs(sources) do
    local tree = Parser.new(tokenize(src)):expr()
    nodes = nodes + count(tree)
    for x = 1, 3 do sum = sum + eval(tree, {x = x + round % 5, y = round % 13}) end
  end
end
print(string.format("%.6f", sum), nodes)
