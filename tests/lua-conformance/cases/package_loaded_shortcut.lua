package.loaded.fake = "already"
print(require("fake"))
package.loaded.fake = nil
package.preload.fake = function() return nil end
print(require("fake"), package.loaded.fake)
