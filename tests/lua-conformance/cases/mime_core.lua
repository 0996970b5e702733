-- mime.core (LuaSocket's MIME filters): every function on whole strings, on chunks, at the end
-- of the stream, and on bytes that need escaping.
local mime = require("mime.core")

local function show(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  print(table.concat(t, " | "))
end

print(mime._VERSION)
local names = {}
for k in pairs(mime) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))

-- base64
show(mime.b64("hello world"))
show(mime.b64("hello world", ""))
show(mime.b64("hello", " world"))
show(mime.b64("a"))
show(mime.b64("ab"))
show(mime.b64("abc"))
show(mime.b64(""))
show(mime.b64(nil))
show(mime.b64("", nil))
show(mime.b64("\0\1\2\255\254\253\128"))
show(mime.b64(12345))
show(mime.unb64("aGVsbG8gd29ybGQ="))
show(mime.unb64("aGVsbG8g", "d29ybGQ="))
show(mime.unb64("aGVs\r\nbG8g d29y!bGQ"))
show(mime.unb64("aGVsbG8gd29ybG", ""))
show(mime.unb64("YQ=="))
show(mime.unb64("YWI="))
show(mime.unb64(""))
show(mime.unb64(nil))
-- a round trip of every byte, in uneven chunks
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
local encoded, rest, pieces = "", "", {}
for i = 1, #all, 7 do
  local a, b = mime.b64(rest, all:sub(i, i + 6))
  pieces[#pieces + 1] = a
  rest = b
end
pieces[#pieces + 1] = mime.b64(rest) or ""
encoded = table.concat(pieces)
print(#encoded, encoded:sub(1, 40))
print(mime.unb64(encoded) == all)

-- quoted-printable
show(mime.qp("hello world"))
show(mime.qp("caf\233 = 100%\r\nnext line \r\nlast\t\r\n"))
show(mime.qp("trailing space ", "\r\n"))
show(mime.qp("a\r", "\nb"))
show(mime.qp("a \r", ""))
show(mime.qp("x\r\ny", nil, "<BR>"))
show(mime.qp("ends with space "))
show(mime.qp("ends with cr\r"))
show(mime.qp(""))
show(mime.qp(nil))
show(mime.qp(all:sub(1, 40)))
show(mime.qp(all:sub(120, 160)))
show(mime.unqp("caf=E9 =3D 100%=\r\nmore=0D=0A"))
show(mime.unqp("bad =ZZ escape =4", "1"))
show(mime.unqp("soft=\r", "\nbreak"))
show(mime.unqp("keep\r\nline\rs\0\127\200"))
show(mime.unqp("=e9=E9"))
show(mime.unqp(""))
show(mime.unqp(nil))
show(mime.unqp("partial =4"))

-- wrapping
show(mime.wrp(10, "0123456789abcdefghij"))
show(mime.wrp(3, "0123456789", 4))
show(mime.wrp(5, "ab\ncd\r\nef", 4))
show(mime.wrp(0, "x"))
show(mime.wrp(4, nil, 4))
show(mime.wrp(2, nil, 4))
show(mime.wrp(76))
show(mime.qpwrp(10, "0123=AB6789abcdef=01ghij", 10))
show(mime.qpwrp(3, "=AB=CD", 10))
show(mime.qpwrp(5, "ab\r\ncd", 10))
show(mime.qpwrp(4, nil, 4))
show(mime.qpwrp(2, nil, 4))

-- end of line normalization
show(mime.eol(0, "a\nb\r\nc\rd\n\re\n\nf\r\rg"))
show(mime.eol(0, "line\r"))
show(mime.eol(13, "\nnext"))
show(mime.eol(0, "a\nb", "<EOL>"))
show(mime.eol(0, nil))
show(mime.eol(10, "\n"))
show(pcall(mime.eol))

-- SMTP dot stuffing
show(mime.dot(2, ".starts\r\n.dot\r\nmid.dle\r\n..two\r\n"))
show(mime.dot(0, ".not at start"))
show(mime.dot(1, "\n.after"))
show(mime.dot(2, nil))
show(pcall(mime.dot))
show(pcall(mime.wrp))
