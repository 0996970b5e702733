namespace KrakenHost.Server.LuaSocket;

// socket.url (LuaSocket's url.html: parse, build, absolute, escape, unescape, parse_path,
// build_path), written here. Built in for when Debian's socket/url.lua is not on package.path.
internal static partial class LuaParts
{
    /// <summary>socket.url: URLs split into their parts and put back together, relative ones resolved.</summary>
    public const string Url = """
        local pairs, tostring, tonumber, type = pairs, tostring, tonumber, type
        local format, char = string.format, string.char

        local url = { _VERSION = "URL 1.0.3" }

        -- every byte but letters, digits and "_" as %xx (lower-case hex)
        function url.escape(s)
          return (s:gsub("[^%w_]", function(c) return format("%%%02x", c:byte()) end))
        end

        function url.unescape(s)
          return (s:gsub("%%(%x%x)", function(hex) return char(tonumber(hex, 16)) end))
        end

        -- path segments keep the characters RFC 2396 allows in them; the rest as %XX
        local function protect(segment)
          return (segment:gsub("[^%w%-_%.!~%*'%(%):@&=%+%$,]", function(c) return format("%%%02X", c:byte()) end))
        end

        -- RFC 3986's remove_dot_segments, on a path, or on a whole URL as LuaSocket's absolute does
        local function removeDots(path)
          local out = ""
          local function dropLast() out = out:gsub("/?[^/]*$", "", 1) end
          while path ~= "" do
            if path:sub(1, 3) == "../" then path = path:sub(4)
            elseif path:sub(1, 2) == "./" then path = path:sub(3)
            elseif path:sub(1, 3) == "/./" then path = path:sub(3)
            elseif path == "/." then path = "/"
            elseif path:sub(1, 4) == "/../" then path = path:sub(4); dropLast()
            elseif path == "/.." then path = "/"; dropLast()
            elseif path == "." or path == ".." then path = ""
            else
              local segment = path:match("^/?[^/]*")
              out = out .. segment
              path = path:sub(#segment + 1)
            end
          end
          return out
        end

        -- <scheme>://<authority>/<path>;<params>?<query>#<fragment>, fields absent when the URL
        -- has no such part; the authority splits into userinfo (user, password), host and port
        function url.parse(s, default)
          local parsed = {}
          for k, v in pairs(default or parsed) do parsed[k] = v end
          if not s or s == "" then return nil, "invalid url" end
          local scheme, rest = s:match("^(%w[%w%+%-%.]*):(.*)$")
          if scheme then parsed.scheme, s = scheme, rest end
          local authority = s:match("^//([^/]*)")
          if authority then
            parsed.authority = authority
            s = s:sub(#authority + 3)
          end
          local fragment = s:find("#", 1, true)
          if fragment then parsed.fragment, s = s:sub(fragment + 1), s:sub(1, fragment - 1) end
          local query = s:find("?", 1, true)
          if query then parsed.query, s = s:sub(query + 1), s:sub(1, query - 1) end
          local params = s:find(";", 1, true)
          if params then parsed.params, s = s:sub(params + 1), s:sub(1, params - 1) end
          if s ~= "" then parsed.path = s end
          if not authority then return parsed end
          local at = authority:find("@", 1, true)
          if at then
            local userinfo = authority:sub(1, at - 1)
            parsed.userinfo, authority = userinfo, authority:sub(at + 1)
            local colon = userinfo:find(":", 1, true)
            if colon then parsed.user, parsed.password = userinfo:sub(1, colon - 1), userinfo:sub(colon + 1)
            else parsed.user = userinfo end
          end
          -- a URL with an authority sets the host, even to nothing (a default host is dropped)
          parsed.host = nil
          local v6, after = authority:match("^%[(.-)%](.*)$")
          if v6 then
            parsed.host = v6
            local port = after:match("^:(.*)$")
            if port then parsed.port = port end
          else
            local host, port = authority:match("^(.*):([^:%]]*)$") -- a port has no "]"
            if host then parsed.port = port else host = authority end
            if host ~= "" then parsed.host = host end -- an empty host is left out, an empty port not
          end
          return parsed
        end

        -- the lower-level parts win over the higher-level ones (user/password over userinfo,
        -- host/port/userinfo over authority)
        function url.build(parsed)
          local s = parsed.path or ""
          if parsed.params then s = s .. ";" .. parsed.params end
          if parsed.query then s = s .. "?" .. parsed.query end
          local authority = parsed.authority
          if parsed.host then
            authority = parsed.host
            if authority:find(":", 1, true) then authority = "[" .. authority .. "]" end
            if parsed.port then authority = authority .. ":" .. tostring(parsed.port) end
            local userinfo = parsed.userinfo
            if parsed.user then
              userinfo = parsed.user
              if parsed.password then userinfo = userinfo .. ":" .. parsed.password end
            end
            if userinfo then authority = userinfo .. "@" .. authority end
          end
          if authority then s = "//" .. authority .. s end
          if parsed.scheme then s = parsed.scheme .. ":" .. s end
          if parsed.fragment then s = s .. "#" .. parsed.fragment end
          return s
        end

        -- a relative path against a base path (RFC 3986, 5.2.3), dot segments removed
        local function merge(base, relative, hasAuthority)
          if relative:sub(1, 1) == "/" then return removeDots(relative) end
          if base == "" and hasAuthority then return removeDots("/" .. relative) end
          return removeDots((base:gsub("[^/]*$", "")) .. relative)
        end

        function url.absolute(base, relative)
          local baseParsed = type(base) == "table" and base or url.parse(base)
          if not baseParsed then return relative end
          local parsed = url.parse(relative)
          if not parsed then return url.build(baseParsed) end
          if parsed.scheme then return relative end
          parsed.scheme = baseParsed.scheme
          if not parsed.authority then
            parsed.authority = baseParsed.authority
            parsed.userinfo, parsed.user, parsed.password = baseParsed.userinfo, baseParsed.user, baseParsed.password
            parsed.host, parsed.port = baseParsed.host, baseParsed.port
            if not parsed.path then
              parsed.path = baseParsed.path
              if not parsed.params then
                parsed.params = baseParsed.params
                if not parsed.query then parsed.query = baseParsed.query end
              end
            else
              parsed.path = merge(baseParsed.path or "", parsed.path, baseParsed.authority ~= nil)
            end
          end
          -- as LuaSocket, dot segments are then removed from the whole URL (a query's or a
          -- fragment's too); the removal is RFC 3986's (5.2.4), where LuaSocket 3 has its own
          -- pattern-based one, which differs on unusual relative URLs (docs/compatibility.md)
          return removeDots(url.build(parsed))
        end

        function url.parse_path(path)
          local parsed = {}
          path = path or ""
          for segment in path:gmatch("[^/]+") do parsed[#parsed + 1] = url.unescape(segment) end
          if path:sub(1, 1) == "/" then parsed.is_absolute = 1 end
          if path:sub(-1) == "/" then parsed.is_directory = 1 end
          return parsed
        end

        function url.build_path(parsed, unsafe)
          local n = #parsed
          local pieces = {}
          for i = 1, n do pieces[i] = unsafe and parsed[i] or protect(parsed[i]) end
          local path = table.concat(pieces, "/")
          if n > 0 and parsed.is_directory then path = path .. "/" end
          if parsed.is_absolute then path = "/" .. path end
          return path
        end

        return url
        """;
}
