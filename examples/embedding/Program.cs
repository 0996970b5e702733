using LuaVm;

var lua = new LuaState();
lua.Register("greet", call => call.Return("hello from C#, " + call.CheckString(1)));
var results = lua.DoString("return greet('Lua'), _VERSION");
Console.WriteLine($"{results[0]} ({results[1]})");
