-- socket.url: parse, build, absolute (RFC 3986's examples), escape, unescape, parse_path,
-- build_path.
local url = require("socket.url")

local function dump(t)
  if type(t) ~= "table" then return tostring(t) end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k] or t[tonumber(k)]) end
  return "{" .. table.concat(out, ", ") .. "}"
end

print(url._VERSION)
for _, s in ipairs{
  "http://www.example.com/cgilua/index.lua?a=2#there",
  "ftp://root:passwd@unsafe.org/pub/virus.exe;type=i",
  "https://user@[::1]:8443/a/b;p?q=1&r=2#frag",
  "//host:8080",
  "mailto:someone@example.com",
  "/just/a/path",
  "relative/path?x",
  "http://h:1:2/x",
  "//user:@host/",
  "#top",
} do
  local parsed = url.parse(s)
  print(s, dump(parsed), url.build(parsed))
end
print(url.parse(""))
print(dump(url.parse("/x", {scheme = "http", host = "default"})))
print(url.build{scheme = "http", host = "::1", port = 80, path = "/p", user = "u", password = "p", query = "q"})
print(url.build{scheme = "http", authority = "a:1", userinfo = "ignored", path = "/"})

local base = "http://a/b/c/d;p?q"
for _, r in ipairs{"g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x",
    "g;x?y#s", "", ".", "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "/./g",
    "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h"} do
  print(string.format("%-9s %s", r, url.absolute(base, r)))
end
print(url.absolute(url.parse("http://x/y/z"), "w"))
print(url.absolute("http://example.com", "index.html"))

print(url.escape("a b/c?d=é&e#f~_-.!"))
print(url.unescape("a%20b%2Fc%3fd%zz%4"))
local path = url.parse_path("/a%20b/c%2Fd/e/")
print(dump(path))
print(url.build_path(path), url.build_path(path, 1))
print(dump(url.parse_path("rel/x")), url.build_path(url.parse_path("rel/x")))
print(url.build_path({"sp ace", "q?", "ok:@&=+$,"}))
