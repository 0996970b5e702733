namespace KrakenHost.Server.LuaSocket;

// socket.headers and socket.http (LuaSocket's http.html: the simple and the generic request,
// redirects, chunked bodies both ways, basic authentication, proxies), written here. Built in
// for when Debian's socket/http.lua is not on package.path. Its waits are socket.core's, so a
// request made in a connection's coroutine yields to the loop.
internal static partial class LuaParts
{
    /// <summary>socket.headers: canonic, the usual spelling of header names, by lower-case name.</summary>
    public const string Headers = """
        local canonic = {}
        for _, name in ipairs{
          "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Age",
          "Allow", "Authorization", "Cache-Control", "Connection", "Content-Disposition",
          "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5",
          "Content-Range", "Content-Transfer-Encoding", "Content-Type", "Cookie", "Date", "ETag",
          "Expect", "Expires", "From", "Host", "If-Match", "If-Modified-Since", "If-None-Match",
          "If-Range", "If-Unmodified-Since", "Last-Modified", "Location", "Max-Forwards",
          "MIME-Version", "Pragma", "Proxy-Authenticate", "Proxy-Authorization", "Range", "Referer",
          "Retry-After", "Server", "Set-Cookie", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
          "User-Agent", "Vary", "Via", "Warning", "WWW-Authenticate", "Subject", "To", "Cc", "Bcc",
          "Reply-To", "Message-ID", "In-Reply-To", "References", "Sender", "Received", "Return-Path",
        } do canonic[name:lower()] = name end
        return { canonic = canonic }
        """;

    /// <summary>socket.http: request(url[, body]) and request{...}.</summary>
    public const string Http = """
        local socket = require("socket")
        local url = require("socket.url")
        local ltn12 = require("ltn12")
        local mime = require("mime")
        local headers = require("socket.headers")
        local tonumber, tostring, type, pairs, error, setmetatable = tonumber, tostring, type, pairs, error, setmetatable
        local concat = table.concat

        local http = {
          TIMEOUT = 60,
          USERAGENT = socket._VERSION,
        }

        -- a connection to a server: the socket and the steps of one exchange; every failure is
        -- raised with the connection's try (which closes the socket) and caught by request's protect
        local function open(host, port, create)
          local c = socket.try((create or socket.tcp)())
          local try = socket.newtry(function() c:close() end)
          try(c:settimeout(http.TIMEOUT))
          try(c:connect(host, port or 80))
          return { c = c, try = try }
        end

        local function canonical(name)
          return headers.canonic[name] or name
        end

        -- a sink that sends what it gets in HTTP/1.1's chunked transfer coding
        local function chunkedSink(c)
          return function(chunk)
            if chunk == nil then return c:send("0\r\n\r\n") end
            if chunk == "" then return 1 end
            return c:send(string.format("%X\r\n", #chunk) .. chunk .. "\r\n")
          end
        end

        -- a source that reads a body in the chunked transfer coding (trailers go into hdrs)
        local function chunkedSource(c, hdrs)
          local done = false
          return function()
            if done then return nil end
            local line, err = c:receive()
            if err then return nil, err end
            local size = tonumber((line:gsub(";.*", "")), 16)
            if not size then return nil, "invalid chunk size" end
            if size == 0 then
              done = true
              while true do -- trailers, up to the empty line
                local trailer, terr = c:receive()
                if terr then return nil, terr end
                if trailer == "" then break end
                local name, value = trailer:match("^(.-):%s*(.*)$")
                if name then hdrs[name:lower()] = value end
              end
              return nil
            end
            local chunk, cerr = c:receive(size)
            if cerr then return nil, cerr end
            local _, lerr = c:receive()
            if lerr then return nil, lerr end
            return chunk
          end
        end

        local function receiveHeaders(conn, into)
          local line = conn.try(conn.c:receive())
          local name, value
          while line ~= "" do
            name, value = line:match("^(.-):%s*(.*)")
            if not name then conn.try(nil, "malformed reponse headers") end
            name = name:lower()
            line = conn.try(conn.c:receive())
            while line:find("^%s") do -- continuation lines
              value = value .. line
              line = conn.try(conn.c:receive())
            end
            into[name] = into[name] and (into[name] .. ", " .. value) or value
          end
          return into
        end

        local function shouldRedirect(reqt, code, hdrs)
          local location = hdrs.location
          if not location then return false end
          location = location:gsub("%s", "")
          if location == "" then return false end
          local scheme = location:match("^([%w][%w%+%-%.]*)%:")
          if scheme and scheme:lower() ~= "http" then return false end
          local limit = reqt.maxredirects
          if limit == nil then limit = 5 end
          return reqt.redirect ~= false
            and (code == 301 or code == 302 or code == 303 or code == 307)
            and (not reqt.method or reqt.method == "GET" or reqt.method == "HEAD")
            and (limit == false or (reqt.nredirects or 0) < limit)
        end

        local function hasBody(reqt, code)
          if reqt.method == "HEAD" then return false end
          if code == 204 or code == 304 then return false end
          if code >= 100 and code < 200 then return false end
          return true
        end

        -- the request table completed with the defaults and the parts of its URL
        local function prepare(reqt)
          local parsed = url.parse(reqt.url, { host = "", port = 80, path = "/", scheme = "http" })
          if not parsed then socket.try(nil, "invalid url '" .. tostring(reqt.url) .. "'") end
          local r = {}
          for k, v in pairs(parsed) do r[k] = v end
          for k, v in pairs(reqt) do r[k] = v end
          if not r.host or r.host == "" then socket.try(nil, "invalid host '" .. tostring(r.host) .. "'") end
          if r.scheme ~= "http" then socket.try(nil, "unknown scheme '" .. tostring(r.scheme) .. "'") end
          r.port = tonumber(r.port) or 80
          -- the request target: the path (with params and query), or the whole URL for a proxy
          local proxy = r.proxy or http.PROXY
          if proxy then
            r.uri = url.build{ scheme = "http", host = r.host, port = r.port ~= 80 and r.port or nil,
              path = r.path, params = r.params, query = r.query }
            local p = url.parse(proxy)
            r.connectHost, r.connectPort = p.host, tonumber(p.port) or 3128
          else
            r.uri = url.build{ path = r.path, params = r.params, query = r.query }
            r.connectHost, r.connectPort = r.host, r.port
          end
          local h = {
            ["user-agent"] = http.USERAGENT,
            ["host"] = r.port == 80 and r.host or (r.host .. ":" .. r.port),
            ["connection"] = "close, TE",
            ["te"] = "trailers",
          }
          if r.user and r.password then
            h["authorization"] = "Basic " .. (mime.b64(r.user .. ":" .. url.unescape(r.password)))
          end
          for name, value in pairs(reqt.headers or {}) do h[name:lower()] = value end
          r.headers = h
          return r
        end

        local requestGeneric

        local function redirect(reqt, location)
          local target = url.absolute(reqt.url, location)
          local result, code, hdrs, status = requestGeneric({
            url = target, source = reqt.source, sink = reqt.sink, headers = reqt.headers,
            proxy = reqt.proxy, nredirects = (reqt.nredirects or 0) + 1, create = reqt.create,
            redirect = reqt.redirect, maxredirects = reqt.maxredirects, step = reqt.step,
          })
          -- the final answer's headers tell where the redirect pointed (as the server wrote it)
          hdrs = hdrs or {}
          hdrs.location = hdrs.location or location
          return result, code, hdrs, status
        end

        requestGeneric = socket.protect(function(reqt)
          local r = prepare(reqt)
          local conn = open(r.connectHost, r.connectPort, r.create)
          local c, try = conn.c, conn.try
          local method = r.method or "GET"
          -- the request line and the headers
          local lines = { method .. " " .. r.uri .. " HTTP/1.1\r\n" }
          if r.source and not r.headers["content-length"] then r.headers["transfer-encoding"] = "chunked" end
          for name, value in pairs(r.headers) do
            lines[#lines + 1] = canonical(name) .. ": " .. tostring(value) .. "\r\n"
          end
          lines[#lines + 1] = "\r\n"
          try(c:send(concat(lines)))
          if r.source then
            local sink = r.headers["content-length"] and socket.sink("keep-open", c) or chunkedSink(c)
            try(ltn12.pump.all(r.source, sink, r.step))
          end
          -- the response: skip informational ones (100 Continue)
          local code, status, hdrs
          repeat
            status = try(c:receive())
            code = tonumber(status:match("^HTTP/%d*%.%d* (%d%d%d)"))
            if not code then
              -- HTTP/0.9: no status line, the whole answer is the body
              try(ltn12.pump.all(ltn12.source.cat(ltn12.source.string(status), socket.source("until-closed", c)),
                r.sink or ltn12.sink.null(), r.step))
              c:close()
              return 1, 200
            end
            hdrs = receiveHeaders(conn, {})
          until code < 100 or code >= 200 or code == 101
          if shouldRedirect(reqt, code, hdrs) and not r.source then
            c:close()
            return redirect(reqt, hdrs.location)
          end
          if hasBody(r, code) then
            local body
            local te = hdrs["transfer-encoding"]
            if te and te:lower() ~= "identity" then body = chunkedSource(c, hdrs)
            elseif tonumber(hdrs["content-length"]) then body = socket.source("by-length", c, tonumber(hdrs["content-length"]))
            else body = socket.source("until-closed", c) end
            try(ltn12.pump.all(body, r.sink or ltn12.sink.null(), r.step))
          end
          c:close()
          return 1, code, hdrs, status
        end)

        local function requestSimple(u, body)
          local t = {}
          local reqt = { url = u, sink = ltn12.sink.table(t) }
          if body then
            reqt.source = ltn12.source.string(body)
            reqt.headers = { ["content-length"] = #body, ["content-type"] = "application/x-www-form-urlencoded" }
            reqt.method = "POST"
          end
          local ok, code, hdrs, status = requestGeneric(reqt)
          if not ok then return nil, code end
          return concat(t), code, hdrs, status
        end

        function http.request(reqt, body)
          if type(reqt) == "string" then return requestSimple(reqt, body) end
          return requestGeneric(reqt)
        end

        return http
        """;
}
