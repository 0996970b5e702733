-- error levels point at the function, its caller, the caller's caller
local function raise(level) error("msg at level " .. level, level) end
local function a(level) raise(level) end
local function b(level) a(level) end
local function c(level)
  b(level)
end
for level = 0, 4 do print(level, pcall(c, level)) end
local function direct() error("direct level 3", 3) end
local function mid() direct() end
local function top() mid() end
print(pcall(top))
print(pcall(error, "called by pcall", 1))
print(pcall(error, "called by pcall", 2))
local function nonstring() error({}, 2) end
print(type(select(2, pcall(nonstring))))
print(pcall(error, 12, 1))
