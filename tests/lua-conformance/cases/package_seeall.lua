local t = {}
package.seeall(t)
print(getmetatable(t).__index == _G, t.print == print)
