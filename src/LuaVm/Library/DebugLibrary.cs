using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm.Library;

/// <summary>
/// The debug library of Lua 5.1, as far as it is implemented: traceback, getinfo (source and
/// line fields), getmetatable/setmetatable, getregistry, getfenv/setfenv. The other functions
/// raise an error saying they are not available (docs/compatibility.md lists them).
/// </summary>
public static class DebugLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        StandardLibraries.Register(state, "debug",
            ("traceback", Traceback), ("getinfo", GetInfo), ("getmetatable", GetMetatable),
            ("setmetatable", SetMetatable), ("getregistry", call => call.Return(call.State.Registry)),
            ("getfenv", GetFenv), ("setfenv", SetFenv),
            ("sethook", SetHook), ("gethook", GetHook), ("getlocal", GetLocal),
            ("setlocal", SetLocal), ("getupvalue", GetUpvalue), ("setupvalue", SetUpvalue),
            ("debug", Debug));
    }

    /// <summary>
    /// debug.debug(): lua5.1's interactive prompt. Reads lines from standard input and runs each
    /// as a chunk until a line "cont" or the end of input; errors are written to standard error.
    /// </summary>
    private static int Debug(CallContext call)
    {
        var state = call.State;
        while (true)
        {
            state.StdOut.Flush();
            state.StdErr.Write("lua_debug> "u8);
            state.StdErr.Flush();
            var line = ReadLine(state.StdIn);
            if (line is null || line == "cont") return 0;
            try
            {
                state.Call(state.Load(System.Text.Encoding.Latin1.GetBytes(line), "=(debug command)"));
            }
            catch (LuaException e) when (!e.Uncatchable)
            {
                state.StdErr.Write(System.Text.Encoding.Latin1.GetBytes(state.ToStringMeta(e.Value).ToLatin1String() + "\n"));
                state.StdErr.Flush();
            }
        }
    }

    private static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = input.ReadByte()) != -1 && b != '\n') bytes.Add((byte)b);
        if (b == -1 && bytes.Count == 0) return null;
        return System.Text.Encoding.Latin1.GetString(bytes.ToArray());
    }

    /// <summary>debug.sethook([thread,] hook, mask [, count]); no arguments turns the hook off.</summary>
    private static int SetHook(CallContext call)
    {
        int arg = 1;
        var thread = call.Thread;
        if (call[1].Obj is LuaThread other)
        {
            thread = other;
            arg = 2;
        }
        if (call.IsNoneOrNil(arg))
        {
            thread.Hook = LuaValue.Nil;
            thread.HookMask &= HookMask.HostLimits; // the instruction budget and an interrupt are not debug hooks
            thread.HookCount = 0;
            return 0;
        }
        var hook = call.CheckFunction(arg);
        string mask = call.CheckString(arg + 1).ToLatin1String();
        int count = call.OptInt(arg + 2, 0);
        var m = HookMask.None;
        if (mask.Contains('c')) m |= HookMask.Call;
        if (mask.Contains('r')) m |= HookMask.Return;
        if (mask.Contains('l')) m |= HookMask.Line;
        if (count > 0) m |= HookMask.Count;
        thread.Hook = hook;
        thread.HookCount = thread.HookCounter = count;
        thread.HookMask = m | (thread.HookMask & HookMask.HostLimits);
        return 0;
    }

    private static int GetHook(CallContext call)
    {
        var thread = call[1].Obj as LuaThread ?? call.Thread;
        string mask = ((thread.HookMask & HookMask.Call) != 0 ? "c" : "") + ((thread.HookMask & HookMask.Return) != 0 ? "r" : "")
            + ((thread.HookMask & HookMask.Line) != 0 ? "l" : "");
        return call.Return((thread.HookMask & HookMask.DebugHooks) == 0 ? LuaValue.Nil : thread.Hook, mask, thread.HookCount);
    }

    /// <summary>debug.traceback([thread,] [message [, level]]): level 1 by default, 0 for another thread.</summary>
    private static int Traceback(CallContext call)
    {
        var thread = call[1].Obj as LuaThread;
        int arg = thread is null ? 1 : 2;
        thread ??= call.Thread;
        var message = call[arg];
        // db_errorfb: a message that is given (nil too) but is not a string is returned untouched
        bool hasMessage = call.ArgCount >= arg;
        if (hasMessage && !message.IsString && !message.IsNumber) return call.Return(message);
        int level = call[arg + 1].IsNumber || call[arg + 1].IsString && call[arg + 1].TryToNumber(out _)
            ? (int)call.CheckInteger(arg + 1)
            : ReferenceEquals(thread, call.Thread) ? 1 : 0;
        string trace = thread.Traceback(level);
        string text = !hasMessage ? trace : message.ToLuaStringCoerced()?.ToLatin1String() + "\n" + trace;
        return call.Return(LuaString.FromLatin1(text));
    }

    /// <summary>The optional thread first argument of getinfo, getlocal and setlocal: the thread, and where the other arguments start.</summary>
    private static (LuaThread Thread, int Arg) ThreadArg(CallContext call) =>
        call[1].Obj is LuaThread other ? (other, 2) : (call.Thread, 1);

    private static int GetInfo(CallContext call)
    {
        var (t, a) = ThreadArg(call);
        string options = call.OptString(a + 1, LuaString.FromLatin1("flnSu"))!.ToLatin1String();
        LuaFunction? f = null;
        int frameIndex = -1;
        bool tailCall = false, host = false;
        if (call[a].Obj is LuaFunction fn) f = fn;
        else if (call[a].IsNumber)
        {
            int level = (int)call[a].Num;
            frameIndex = t.FrameAtLevel(level, out tailCall);
            host = frameIndex < 0 && !tailCall && t.IsHostLevel(level);
            if (frameIndex < 0 && !tailCall && !host) return call.Return(LuaValue.Nil);
            if (frameIndex >= 0) f = (LuaFunction?)t.Frames[frameIndex].Closure ?? t.Frames[frameIndex].Native;
        }
        else throw call.ArgError(a, "function or level expected");
        // lua_getinfo: each option letter fills its fields; any other letter is an error
        var info = new LuaTable();
        foreach (char option in options)
        {
            switch (option)
            {
                case 'S': SetSourceFields(info, f, tailCall); break;
                case 'l': info.Set("currentline", frameIndex >= 0 ? DebugInfo.CurrentLine(t.Frames[frameIndex]) : -1); break;
                case 'u': info.Set("nups", f is LuaClosure c ? c.Proto.NumUpvalues : 0); break;
                case 'n': SetNameFields(info, t, frameIndex, tailCall); break;
                case 'L':
                    if (f is LuaClosure lc)
                    {
                        var lines = new LuaTable();
                        foreach (int line in lc.Proto.LineInfo) lines.SetInt(line, LuaValue.True);
                        info.Set("activelines", lines);
                    }
                    break;
                case 'f': if (f is not null) info.Set("func", f); break;
                default: throw call.ArgError(a + 1, "invalid option");
            }
        }
        return call.Return(info);
    }

    /// <summary>getinfo's 'S' fields (funcinfo in ldebug.c; info_tailcall for a tail call level).</summary>
    private static void SetSourceFields(LuaTable info, LuaFunction? f, bool tailCall)
    {
        if (tailCall)
        {
            info.Set("what", "tail");
            info.Set("source", "=(tail call)");
            info.Set("short_src", "(tail call)");
            info.Set("linedefined", -1);
            info.Set("lastlinedefined", -1);
        }
        else if (f is LuaClosure cl)
        {
            var p = cl.Proto;
            info.Set("source", LuaString.FromLatin1(p.Source)); // chunk names carry Lua bytes
            info.Set("short_src", LuaString.FromLatin1(ChunkName.Format(p.Source)));
            info.Set("linedefined", p.LineDefined);
            info.Set("lastlinedefined", p.LastLineDefined);
            info.Set("what", p.LineDefined == 0 ? "main" : "Lua");
        }
        else
        {
            info.Set("source", "=[C]");
            info.Set("short_src", "[C]");
            info.Set("linedefined", -1);
            info.Set("lastlinedefined", -1);
            info.Set("what", "C");
        }
    }

    /// <summary>getinfo's 'n' fields: how the caller named the function; none for a function value.</summary>
    private static void SetNameFields(LuaTable info, LuaThread t, int frameIndex, bool tailCall)
    {
        if (tailCall)
        {
            info.Set("name", ""); // lua5.1's info_tailcall sets both to ""
            info.Set("namewhat", "");
            return;
        }
        var name = frameIndex >= 0 ? DebugInfo.CalledAs(t, frameIndex) : null;
        if (name is not null)
        {
            info.Set("name", LuaString.FromLatin1(name.Value.Name));
            info.Set("namewhat", LuaString.FromLatin1(name.Value.Kind));
        }
        else info.Set("namewhat", "");
    }

    /// <summary>The stack slot of local <paramref name="n"/> at a level and its name, as lua_getlocal finds them; -1 when none.</summary>
    private static int LocalSlot(CallContext call, LuaThread t, int arg, int level, int n, out string? name)
    {
        int index = t.FrameAtLevel(level, out bool tailCall);
        name = null;
        if (tailCall) return -1; // a tail call's frame is gone: no locals
        if (index < 0) throw call.ArgError(arg, "level out of range");
        ref var frame = ref t.Frames[index];
        name = null;
        if (frame.Closure is { } cl)
        {
            name = cl.Proto.GetLocalName(n, DebugInfo.CurrentPc(frame));
            int limit = index + 1 < t.FrameCount ? t.Frames[index + 1].FuncIndex : t.Top;
            if (name is null && n > 0 && frame.Base + n - 1 < limit) name = "(*temporary)";
        }
        else
        {
            int limit = index + 1 < t.FrameCount ? t.Frames[index + 1].FuncIndex : t.Top;
            if (n > 0 && frame.Base + n - 1 < limit) name = "(*temporary)";
        }
        return name is null ? -1 : frame.Base + n - 1;
    }

    private static int GetLocal(CallContext call)
    {
        var (t, a) = ThreadArg(call);
        int slot = LocalSlot(call, t, a, call.CheckInt(a), call.CheckInt(a + 1), out var name);
        if (slot < 0) return call.Return(LuaValue.Nil);
        return call.Return(LuaString.FromLatin1(name!), t.Stack[slot]);
    }

    private static int SetLocal(CallContext call)
    {
        var (t, a) = ThreadArg(call);
        call.CheckAny(a + 2);
        int slot = LocalSlot(call, t, a, call.CheckInt(a), call.CheckInt(a + 1), out var name);
        if (slot < 0) return call.Return(LuaValue.Nil);
        t.Stack[slot] = call[a + 2];
        return call.Return(LuaString.FromLatin1(name!));
    }

    private static int GetUpvalue(CallContext call)
    {
        var f = call.CheckFunction(1);
        int n = call.CheckInt(2);
        if (f is not LuaClosure cl || n < 1 || n > cl.UpValues.Length) return 0;
        string name = n <= cl.Proto.UpvalueNames.Length ? cl.Proto.UpvalueNames[n - 1] : "";
        return call.Return(LuaString.FromLatin1(name), cl.UpValues[n - 1].Value);
    }

    private static int SetUpvalue(CallContext call)
    {
        call.CheckAny(3);
        var f = call.CheckFunction(1);
        int n = call.CheckInt(2);
        if (f is not LuaClosure cl || n < 1 || n > cl.UpValues.Length) return 0;
        cl.UpValues[n - 1].Value = call[3];
        return call.Return(n <= cl.Proto.UpvalueNames.Length ? LuaString.FromLatin1(cl.Proto.UpvalueNames[n - 1]) : LuaString.Empty);
    }

    private static int GetMetatable(CallContext call) =>
        call.Return(Metamethods.GetMetatable(call.State, call.CheckAny(1)));

    private static int SetMetatable(CallContext call)
    {
        var v = call[1];
        var mt = call[2].AsTable;
        if (!call[2].IsNil && mt is null) throw call.ArgError(2, "nil or table expected");
        switch (v.Obj)
        {
            case LuaTable t: t.Metatable = mt; break;
            case LuaUserdata u: u.Metatable = mt; break;
            case LuaString: call.State.StringMetatable = mt; break;
            default: call.State.TypeMetatables[(int)v.Type] = mt; break;
        }
        return call.Return(LuaValue.True);
    }

    private static int GetFenv(CallContext call) => call.Return(call[1].Obj switch
    {
        LuaFunction f => f.Env,
        // a userdata's environment starts as the creating function's, the globals (lua_newuserdata)
        LuaUserdata u => u.Env ?? call.State.Globals,
        LuaThread t => t.Globals,
        _ => LuaValue.Nil,
    });

    private static int SetFenv(CallContext call)
    {
        var env = call.CheckTable(2);
        switch (call[1].Obj)
        {
            case LuaFunction f: f.Env = env; break; // a native's too (lua5.1's C functions have one)
            case LuaUserdata u: u.Env = env; break;
            case LuaThread t when ReferenceEquals(t, call.State.MainThread): call.State.Globals = env; break;
            case LuaThread t: t.Env = env; break;
            default: throw call.Error("'setfenv' cannot change environment of given object");
        }
        return call.Return(call[1]);
    }
}
