using LuaVm;

var lua = new LuaState();
lua.Register("greet", call => call.Return("hello from C#, " + call.CheckString(1).ToUtf8String()));
var results = lua.DoString("return greet('Lua'), _VERSION");
Console.WriteLine($"{results[0]} ({results[1]})");
