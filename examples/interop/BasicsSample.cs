using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

// The samples of docs/embedding.md's first sections, as regions the docs show verbatim.
public static class BasicsSample
{
    #region counter-type
    sealed class Counter { public int Count; }
    #endregion

    public static void Run()
    {
        {
            #region state
            var lua = new LuaState();                         // every standard library, as lua5.1 opens them
            var some = new LuaState(LuaLibraries.Base | LuaLibraries.String);
            var sandbox = LuaState.CreateSandbox();           // for untrusted code, see "Limits" below
            #endregion
        }
        string folder = Directory.CreateTempSubdirectory("kraken-sample").FullName;
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        File.WriteAllText("script.lua", "y = 2");
        try
        {
            var lua = new LuaState();
            #region running
            LuaValue[] r = lua.DoString("return 1 + 1, 'two'");          // chunk name "=(string)"
            lua.DoString("x = 1", "=config");                            // errors say "config:1: ..."
            lua.DoFile("script.lua");                                    // chunk name "@script.lua"
            LuaClosure g = lua.LoadFile("script.lua");                   // compile only; "cannot open script.lua: ..." as LuaException
            LuaClosure f = lua.Load("return ..."u8, "=chunk");           // compile only (text or string.dump output)
            LuaValue[] same = lua.Call(f, 1, "two", true);               // LuaValue arguments
            #endregion
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
        {
            var lua = new LuaState();
            #region table
            var t = lua.DoString("return {10, 20, name = 'x'}")[0].AsTable!;
            LuaValue second = t[2];                    // by integer (long), string (UTF-8) or any LuaValue key
            t["name"] = "y";                           // setting nil removes; a nil or NaN key throws ArgumentException
            int entries = t.Count;                     // 3: non-nil entries, counted by walking the table
            int length = t.Length();                   // 2: the # operator's border
            foreach (var (key, value) in t) { }        // next() order: 1..n, then the hash part
            #endregion
        }
        {
            var lua = new LuaState();
            #region conversions
            lua.SetGlobal("config", new Dictionary<string, object?> { ["name"] = "x", ["ports"] = new[] { 80, 443 } });
            lua.SetGlobal("blob", new byte[] { 0, 200, 65 });
            double port = lua.DoString("return config.ports[2]")[0].ToDouble();     // 443
            var list = lua.DoString("return {1, 'two'}")[0].ToList();                // [1.0, "two"]
            #endregion
            Console.WriteLine($"{port} {list?.Count}");
        }
        {
            var lua = new LuaState();
            #region calling-lua
            lua.DoString("function divmod(a, b) return math.floor(a / b), a % b end");
            LuaValue[] r = lua.CallGlobal("divmod", 17, 5);          // r[0] = 3, r[1] = 2
            LuaValue f = lua.GetGlobal("divmod");
            LuaValue[] s = lua.CallWith(f, 9, 4);                    // .NET arguments
            LuaValue[] t = lua.Call(f, 9, 4);                        // LuaValue arguments (no conversion)
            #endregion
            Console.WriteLine($"{r[0]} {r[1]} {s[0]} {t[1]}");
        }
        {
            var lua = new LuaState();
            #region native-function
            lua.Register("sum", call =>
            {
                double total = 0;
                for (int i = 1; i <= call.ArgCount; i++) total += call.CheckNumber(i);
                return call.Return(total, call.ArgCount);     // pushes two results, returns 2
            });
            #endregion
            var r = lua.DoString("return sum(1, 2, 3)");
            Console.WriteLine($"{r[0]} {r[1]}");
        }
        {
            var lua = new LuaState();
            #region yield
            lua.Register("wait_for_value", call => call.Yield(0));
            var co = lua.NewThread(lua.Load("local v = wait_for_value(); return v * 2"u8, "=demo"));
            ResumeResult first = lua.Resume(co);        // first.Outcome == ResumeOutcome.Yielded
            ResumeResult done = lua.Resume(co, 21);     // done.Outcome == Returned, done.Values[0] == 42
            #endregion
            Console.WriteLine($"{first.Outcome} {done.Outcome} {done.Values[0]}");
        }
        {
            using var lua = new LuaState();
            #region userdata
            var methods = lua.CreateTable(
                ("add", call => { call.CheckUserdata<Counter>(1, "counter").Count += call.OptInt(2, 1); return 0; }),
                ("get", call => call.Return(call.CheckUserdata<Counter>(1, "counter").Count)));
            var meta = new LuaTable();
            meta.Set("__index", methods);
            lua.SetGlobal("c", lua.NewUserdata(new Counter(), meta));
            lua.DoString("c:add(10) print(c:get())");                    // 10
            #endregion
        }
        {
            string untrusted = "while true do end";
            #region limits
            var lua = LuaState.CreateSandbox();
            lua.InstructionLimit = 1_000_000;      // VM instructions, all coroutines and pattern matching together
            lua.MemoryLimit = 64L << 20;           // bytes this state's Lua objects hold, as collectgarbage("count") counts them
            try { lua.DoString(untrusted); }
            catch (LuaException e) { /* "chunk:line: instruction budget exceeded" or "not enough memory" */ }
            #endregion
        }
        {
            var lua = new LuaState();
            string untrusted = "while true do end";
            #region interrupt
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var stop = timeout.Token.Register(() => lua.Interrupt("script timed out"));
            try { lua.DoString(untrusted); }
            catch (LuaException e) { /* "chunk:line: script timed out" */ }
            finally
            {
                stop.Dispose();      // waits for a callback in progress: no Interrupt can come after this
                lua.ClearInterrupt();
            }
            #endregion
            Console.WriteLine(lua.DoString("return 'usable again'")[0]);
        }
        {
            var lua = new LuaState();
            // what `require "vector"` and `require "vector.stats"` would call, found in a module assembly
            lua.AddBuiltinModule("vector", VectorLibrary.Open);
            lua.AddBuiltinModule("vector.stats", VectorLibrary.luaopen_vector_stats);
            Console.WriteLine(lua.DoString("local v = require('vector').new(3, 4) return v.x + v.y, require('vector.stats').sum(1, 2, 3)")
                .Aggregate("", (text, v) => text + v + " ").TrimEnd());
        }
        {
            #region modules
            var state = new LuaState();
            LuaModules.BuiltinModules.AddTo(state);   // now require "lfs", "cjson", "lpeg", "re" ... work
            #endregion
            Console.WriteLine(state.DoString("return require('cjson').encode({1, 2})")[0]);
        }
    }
}
