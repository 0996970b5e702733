error(setmetatable({}, {__tostring = function() return "from __tostring" end}))
