local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.format("%f %e %g %d %.0f", -0.0, -0.0, -0.0, -0.0, -0.4), string.format("%+g % g", 0.0, 0.0), string.format("%5.1f|%-7.2e|", -0.0, -0.0))
