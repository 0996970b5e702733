-- the registry is a table; debug.getfenv/setfenv work on functions, threads and userdata
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
print(type(reg._LOADED), reg._LOADED == package.loaded)
local function f() return val end
local env = {val = "from debug env"}
print(debug.setfenv(f, env) == f, f(), debug.getfenv(f) == env)
print(debug.getfenv(print) == _G)
local u = newproxy(false)
print(type(debug.getfenv(u)))
local uenv = {}
print(debug.setfenv(u, uenv) == u, debug.getfenv(u) == uenv)
print(debug.getfenv(1), debug.getfenv("s"), debug.getfenv(nil))
print(pcall(debug.setfenv, 1, {}))
print(pcall(debug.setfenv, f, 1))
local okp, rp = pcall(debug.setfenv, print, {})
print(okp, rp == print, debug.getfenv(print) == _G)
debug.setfenv(print, _G)
print(debug.getfenv(print) == _G)
