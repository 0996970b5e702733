-- gsub with a pattern that is one class, alone or with +, anchored or not (found by a scan
-- instead of the matcher), with every kind of replacement and a maximum count.
local escapes = {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}
local subjects = {"", "plain", "a < b && c > \"d\"", "<<>>", "  two  spaces  ", "\0x\0", "tab\there"}
local patterns = {'[&<>"]', "%s", "%s+", "^%s+", "^%s", "[%z]", ".", "x", "^.", "[^%w]+", "%a+", "<"}
local replacements = {escapes, "[%0]", "%1%1", "%%", "", "-", 7, function(c) return "(" .. #c .. ")" end,
  function(c) if c == " " then return false end return nil end, {[" "] = true and "_" or nil}}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    local out = {}
    for _, r in ipairs(replacements) do
      local ok, res, n = pcall(string.gsub, s, p, r)
      out[#out + 1] = string.format("%q:%s", tostring(res), tostring(n))
    end
    for _, max in ipairs({0, 1, 2, -1}) do
      out[#out + 1] = string.format("%q", (string.gsub(s, p, "#", max)))
    end
    print(string.format("%q %q", s, p), table.concat(out, " "))
  end
end
-- errors raised while replacing: a bad capture index, a bad replacement value, an error in the function
print(pcall(string.gsub, "a b", "%s", "%2"))
print(pcall(string.gsub, "a b", "%s", {[" "] = {}}))
print(pcall(string.gsub, "a b", "%s", function() error("boom") end))
-- a long subject: the scan's steps count like the matcher's
local long = string.rep("ab", 5000) .. "<" .. string.rep("c", 3000)
print(#(long:gsub("[<]", "&lt;")), select(2, long:gsub("%a+", "")))
