local old = package.path
package.path = "/nonexistent_kraken_a/?.lua;/nonexistent_kraken_b/?.x"
package.cpath = "/nonexistent_kraken_c/?.so"
local ok, err = pcall(require, "no_such_module_xyz")
print(ok)
print(err)
package.path = old
