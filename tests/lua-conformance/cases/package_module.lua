package.preload["counter"] = function()
  module("counter", package.seeall)
  local n = 0
  function inc() n = n + 1; return n end
  function get() return n end
end
require("counter")
print(counter.inc(), counter.inc(), counter.get(), counter._NAME, counter._M == counter)
print(type(counter.print))
