namespace LuaModules.Lpeg;

/// <summary>
/// The Lua source of the re module (ReModule.cs runs it when the module is required). It is kept
/// in C# so the module needs no file and no resource.
/// </summary>
internal static class ReScript
{
    public const string Source = """"
-- The re module of LPeg 1.0.2 (https://www.inf.puc-rio.br/~roberto/lpeg/re.html), written for
-- Kraken: regex-like syntax for LPeg patterns. The pattern text is read by a hand-written
-- recursive-descent parser with backtracking (each parse function takes a position and returns
-- the pattern and the next position, or nil), building patterns with the lpeg module as it goes.
-- A sequence that stops before something that cannot follow it is a syntax error, reported as
-- "pattern error near '...'" at that place.

local lpeg = require "lpeg"
local P, S, R, V, C, Cg, Cb, Ct, Cs, Cp, Cc, Cf, Cmt =
  lpeg.P, lpeg.S, lpeg.R, lpeg.V, lpeg.C, lpeg.Cg, lpeg.Cb, lpeg.Ct, lpeg.Cs, lpeg.Cp, lpeg.Cc, lpeg.Cf, lpeg.Cmt
local type, error, tostring, tonumber, setmetatable, pairs = type, error, tostring, tonumber, setmetatable, pairs
local sub, find, byte, format = string.sub, string.find, string.byte, string.format

local any = P(1)
local divide, power = getmetatable(any).__div, getmetatable(any).__pow

-- Errors of meaning (undefined names, rules used outside a grammar, lpeg's errors) wait until
-- the whole text has parsed, so a syntax error anywhere is reported first; the first one wins.
local pending

local function defer (msg)
  if not pending then pending = msg end
  return P(true)
end

-- calls an lpeg constructor, deferring its error
local function build (f, ...)
  local ok, r = pcall(f, ...)
  if ok then return r end
  return defer(r)
end

-- %name classes: lpeg.locale's, their one-letter names, the complements of those, and %nl
local classes

local function buildclasses ()
  local c = lpeg.locale()
  c.nl = P"\n"
  local short = { a = "alpha", c = "cntrl", d = "digit", g = "graph", l = "lower", p = "punct",
                  s = "space", u = "upper", w = "alnum", x = "xdigit" }
  for letter, name in pairs(short) do
    c[letter] = c[name]
    c[letter:upper()] = any - c[name]
  end
  classes = c
end

buildclasses()

local function near (text, i)
  local rest = sub(text, i)
  if #rest > 20 then rest = sub(text, i, i + 20) .. "..." end
  error(format("pattern error near '%s'", rest), 0)
end

-- skips spaces and comments ("--" to the end of the line)
local function skip (text, i)
  while true do
    local _, e = find(text, "^%s+", i)
    if e then i = e + 1 end
    if sub(text, i, i + 1) == "--" then
      local nl = find(text, "\n", i, true)
      i = nl and nl + 1 or #text + 1
    elseif not e then
      return i
    end
  end
end

local function name (text, i)
  local s, e = find(text, "^[%a_][%w_]*", i)
  if s then return sub(text, s, e), e + 1 end
end

-- a name followed by "<-": the start of a rule definition
local function isdefinition (text, i)
  local n, j = name(text, i)
  if not n then return false end
  j = skip(text, j)
  return sub(text, j, j + 1) == "<-"
end

local function getdef (id, defs)
  local v = defs and defs[id]
  if not v then return nil, "undefined name: " .. id end
  return v
end

local function lookupclass (id, defs)
  local v = defs and defs[id] or classes[id]
  if not v then return defer("name '" .. id .. "' undefined") end
  return v
end

-- =name: the text the last group named name matched must come next
local function samestring (subject, i, value)
  if type(value) ~= "string" then return nil end
  local e = i + #value
  if sub(subject, i, e - 1) == value then return e end
  return nil
end

local parseexp

-- [ ... ]: items are %name, ranges x-y and single characters; ']' may come first
local function parseclass (text, i, defs)
  local start = i
  i = i + 1
  local negate = false
  if sub(text, i, i) == "^" then negate = true; i = i + 1 end
  local set
  local first = true
  while true do
    local ch = sub(text, i, i)
    if ch == "" then return nil end
    if ch == "]" and not first then break end
    local item
    local id, j = nil, nil
    if ch == "%" then id, j = name(text, i + 1) end
    if id then
      item = lookupclass(id, defs)
      i = j
    else
      local nxt, last = sub(text, i + 1, i + 1), sub(text, i + 2, i + 2)
      if nxt == "-" and last ~= "" and last ~= "]" then
        item = R(ch .. last)
        i = i + 3
      else
        item = P(ch)
        i = i + 1
      end
    end
    set = set and set + item or item
    first = false
  end
  if negate then set = any - set end
  return set, i + 1
end

local function primary (text, i, defs, ingrammar)
  local ch = sub(text, i, i)
  if ch == "(" then
    local p, j = parseexp(text, i + 1, defs, ingrammar)
    if p and sub(text, j, j) == ")" then return p, j + 1 end
    return nil
  elseif ch == "'" or ch == '"' then
    local close = find(text, ch, i + 1, true)
    if not close then return nil end
    return P(sub(text, i + 1, close - 1)), close + 1
  elseif ch == "[" then
    return parseclass(text, i, defs)
  elseif ch == "%" then
    local id, j = name(text, i + 1)
    if not id then return nil end
    return lookupclass(id, defs), j
  elseif ch == "." then
    return any, i + 1
  elseif ch == "=" then
    local id, j = name(text, i + 1)
    if not id then return nil end
    return Cmt(Cb(id), samestring), j
  elseif ch == "{" then
    local two = sub(text, i, i + 1)
    if two == "{}" then return Cp(), i + 2 end
    if two == "{:" then
      local id, j = name(text, i + 2)
      if id and sub(text, j, j) == ":" then j = j + 1 else id, j = nil, i + 2 end
      local p, k = parseexp(text, j, defs, ingrammar)
      if p and sub(text, k, k + 1) == ":}" then
        if id then return Cg(p, id), k + 2 end
        return Cg(p), k + 2
      end
    elseif two == "{~" then
      local p, k = parseexp(text, i + 2, defs, ingrammar)
      if p and sub(text, k, k + 1) == "~}" then return Cs(p), k + 2 end
    elseif two == "{|" then
      local p, k = parseexp(text, i + 2, defs, ingrammar)
      if p and sub(text, k, k + 1) == "|}" then return Ct(p), k + 2 end
    end
    local p, k = parseexp(text, i + 1, defs, ingrammar)
    if p and sub(text, k, k) == "}" then return C(p), k + 1 end
    return nil
  elseif ch == "<" then
    local id, j = name(text, i + 1)
    if not id or sub(text, j, j) ~= ">" then return nil end
    if not ingrammar then return defer("rule '" .. id .. "' used outside a grammar"), j + 1 end
    return V(id), j + 1
  else
    local id, j = name(text, i)
    if not id or isdefinition(text, i) then return nil end
    if not ingrammar then return defer("rule '" .. id .. "' used outside a grammar"), j end
    return V(id), j
  end
end

-- a failed alternative leaves no deferred error behind
local function parseprimary (text, i, defs, ingrammar)
  local saved = pending
  local p, j = primary(text, i, defs, ingrammar)
  if not p then pending = saved end
  return p, j
end

-- p / defs[id], Cmt(p, defs[id]) or Cf(p, defs[id])
local function withdef (f, p, id, defs)
  local v, err = getdef(id, defs)
  if not v then return defer(err) end
  return build(f, p, v)
end

-- p^n: n copies of p in sequence
local function times (p, n)
  local r = P(true)
  for _ = 1, n do r = r * p end
  return r
end

-- a primary followed by any number of postfix operators
local function parsesuffixed (text, i, defs, ingrammar)
  local p, j = parseprimary(text, i, defs, ingrammar)
  if not p then return nil end
  while true do
    local k = skip(text, j)
    local ch = sub(text, k, k)
    if ch == "+" then p = build(power, p, 1); j = k + 1
    elseif ch == "*" then p = build(power, p, 0); j = k + 1
    elseif ch == "?" then p = build(power, p, -1); j = k + 1
    elseif ch == "^" then
      local s, e, sign, digits = find(text, "^([+-]?)(%d+)", k + 1)
      if not s then return p, j end
      local n = tonumber(digits)
      if sign == "" then p = times(p, n)
      elseif sign == "+" then p = build(power, p, n)
      else p = build(power, p, -n) end
      j = e + 1
    else
      local op = sub(text, k, k + 1)
      if op == "->" then
        local m = skip(text, k + 2)
        local q = sub(text, m, m)
        if q == "'" or q == '"' then
          local close = find(text, q, m + 1, true)
          if not close then return p, j end
          p = build(divide, p, sub(text, m + 1, close - 1)); j = close + 1
        elseif find(q, "^%d") then
          local _, e = find(text, "^%d+", m)
          p = p / tonumber(sub(text, m, e)); j = e + 1
        elseif sub(text, m, m + 1) == "{}" then
          p = Ct(p); j = m + 2
        else
          local id, e = name(text, m)
          if not id then return p, j end
          p = withdef(divide, p, id, defs); j = e
        end
      elseif op == "=>" or op == "~>" then
        local m = skip(text, k + 2)
        local id, e = name(text, m)
        if not id then return p, j end
        p = withdef(op == "=>" and Cmt or Cf, p, id, defs)
        j = e
      else
        return p, j
      end
    end
  end
end

local function parseprefixed (text, i, defs, ingrammar)
  local ch = sub(text, i, i)
  if ch == "&" or ch == "!" then
    local p, j = parseprefixed(text, skip(text, i + 1), defs, ingrammar)
    if not p then return nil end
    if ch == "&" then return #p, j end
    return -p, j
  end
  return parsesuffixed(text, i, defs, ingrammar)
end

-- what may follow a sequence: the end, "/", a closing bracket, or the next rule definition
local function canfollow (text, i)
  if i > #text then return true end
  local ch = sub(text, i, i)
  if ch == "/" or ch == ")" or ch == "}" then return true end
  local two = sub(text, i, i + 1)
  if two == ":}" or two == "~}" or two == "|}" then return true end
  return isdefinition(text, i)
end

local function parseseq (text, i, defs, ingrammar)
  local p = P(true)
  i = skip(text, i)
  while true do
    local q, j = parseprefixed(text, i, defs, ingrammar)
    if not q then break end
    p = p * q
    i = skip(text, j)
  end
  if not canfollow(text, i) then near(text, i) end
  return p, i
end

local function parsealternatives (text, i, defs, ingrammar)
  local p, j = parseseq(text, i, defs, ingrammar)
  while sub(text, j, j) == "/" do
    local q
    q, j = parseseq(text, j + 1, defs, ingrammar)
    p = p + q
  end
  return p, j
end

-- definitions "name <- exp", one after another; the first is the initial rule
local function parsegrammar (text, i, defs)
  local rules = {}
  while isdefinition(text, i) do
    local id, j = name(text, i)
    j = skip(text, j) + 2
    local body
    body, j = parseexp(text, j, defs, true)
    if not body then return nil end
    if rules[id] then defer("'" .. id .. "' already defined as a rule") end
    rules[id] = body
    if not rules[1] then rules[1] = id end
    i = j
  end
  if pending then return P(true), i end
  return build(P, rules), i
end

function parseexp (text, i, defs, ingrammar)
  i = skip(text, i)
  if isdefinition(text, i) then return parsegrammar(text, i, defs) end
  return parsealternatives(text, i, defs, ingrammar)
end

local function compile (p, defs)
  if lpeg.type(p) == "pattern" then return p end
  if type(p) == "number" then p = tostring(p) end
  if type(p) ~= "string" then
    error("bad argument #1 to 'compile' (string expected, got " .. type(p) .. ")", 2)
  end
  pending = nil
  local ok, patt, i = pcall(parseexp, p, 1, defs, false)
  if not ok then pending = nil; error(patt, 0) end
  if not patt then near(p, 1) end
  i = skip(p, i)
  if i <= #p then pending = nil; near(p, i) end
  if pending then
    local msg = pending
    pending = nil
    error(msg, 0)
  end
  return patt
end

-- compiled patterns of match, find and gsub, kept while in use
local weak = { __mode = "v" }
local matchcache = setmetatable({}, weak)
local findcache = setmetatable({}, weak)
local gsubcache = setmetatable({}, { __mode = "k" })

local function match (s, p, i)
  local cp = matchcache[p]
  if not cp then cp = compile(p); matchcache[p] = cp end
  return cp:match(s, i or 1)
end

local function find_ (s, p, i)
  local cp = findcache[p]
  if not cp then
    local body = compile(p) / 0
    cp = P{ Cp() * body * Cp() + 1 * V(1) }
    findcache[p] = cp
  end
  local b, e = cp:match(s, i or 1)
  if not b then return b end
  return b, e - 1
end

local function gsub (s, p, rep)
  local byrep = gsubcache[p]
  if not byrep then byrep = setmetatable({}, weak); gsubcache[p] = byrep end
  local cp = byrep[rep]
  if not cp then
    cp = Cs((compile(p) / rep + 1)^0)
    byrep[rep] = cp
  end
  return cp:match(s)
end

local re = {
  compile = compile,
  match = match,
  find = find_,
  gsub = gsub,
  updatelocale = buildclasses,
}

_G.re = re
return re
"""";
}
