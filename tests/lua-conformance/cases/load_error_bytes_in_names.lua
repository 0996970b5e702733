-- Syntax errors keep the chunk name's and the tokens' bytes as they are (bytes 128-255 too),
-- whichever part of the compiler finds the error.
local name = "\255\128 chunk"
local sources = {
  "x",               -- '=' expected
  "x =",             -- unexpected symbol
  "x = \"\255",      -- unfinished string
  "x = 1 1",         -- '=' expected near a number
  "local \255 = 1",  -- unexpected symbol near a high byte
  "x = 3e",          -- malformed number
  "for \200 = 1, 2 do end",
  "return \"\\300\"", -- escape too large
}
for _, src in ipairs(sources) do
  local f, err = loadstring(src, name)
  print(f, err)
  print(loadstring(src, "=" .. name))
  print(loadstring(src, "@\233t\233.lua"))
end
