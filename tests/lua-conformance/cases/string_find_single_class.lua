-- find and match with a pattern that is one class, alone, repeated with + or *, anchored or
-- not (found by a scan instead of the matcher), next to patterns that only look like one.
local subjects = {"", "abc", "  x = 12.5e3 \t", "\"quoted\\\" text\"", "a*b+c?", "]]x[[", "\0a\0b", "éa"}
local patterns = {"[^ \t\r\n]", "[\"\\]", "%s", "%s+", "%s*", "^%s*", "^%s+", "%d+", "^%d", "%a*",
  ".", ".+", "^.*", "x", "x+", "*", "**", "+", "-", "]", "[]]", "[^]]+", "%]", "%%", "[%w_]+",
  "^[%a_]", "%z", "%Z+", "[a-c]*", "a$", "^", "$", "^$", "%bxy", "%f[%a]", "(a)", "a?", "a-"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local out = {}
    for _, init in ipairs({1, 2, 5, -2, 100}) do
      out[#out + 1] = table.concat({tostring(string.find(s, p, init))}, ",") .. "/" ..
        tostring(string.match(s, p, init))
    end
    print(string.format("%q %q", s, p), table.concat(out, " "))
  end
end
-- malformed patterns still fail as the matcher fails
for _, p in ipairs({"%", "[a", "[^", "[%"}) do print(p, pcall(string.find, "abc", p)) end
-- long runs
local long = string.rep(" ", 5000) .. "x" .. string.rep("y", 3000)
print(string.find(long, "[^ ]"), string.find(long, "y+"), #string.match(long, "^ *"))
