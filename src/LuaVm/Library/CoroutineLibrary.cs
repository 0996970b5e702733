using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>The coroutine library of Lua 5.1 (in lbaselib.c there): create, resume, yield, status, wrap, running.</summary>
public static class CoroutineLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        StandardLibraries.Register(state, "coroutine",
            ("create", Create), ("resume", Resume), ("yield", Yield), ("status", Status),
            ("wrap", Wrap), ("running", Running));
    }

    private static int Create(CallContext call)
    {
        if (call[1].Obj is not LuaClosure f) throw call.ArgError(1, "Lua function expected");
        return call.Return(new LuaValue(call.State.NewThread(f)));
    }

    private static LuaThread CheckThread(CallContext call, int n) =>
        call[n].Obj as LuaThread ?? throw call.ArgError(n, "coroutine expected");

    private static LuaValue[] ArgsFrom(CallContext call, int first)
    {
        var args = new LuaValue[Math.Max(0, call.ArgCount - first + 1)];
        for (int i = 0; i < args.Length; i++) args[i] = call[first + i];
        return args;
    }

    private static int Resume(CallContext call)
    {
        var co = CheckThread(call, 1);
        var r = call.State.Resume(co, ArgsFrom(call, 2));
        call.Thread.EnsureStack(r.Values.Length + 1);
        call.Push(r.Outcome != ResumeOutcome.Failed);
        foreach (var v in r.Values) call.Push(v);
        return r.Values.Length + 1;
    }

    private static int Yield(CallContext call) => call.Yield(call.ArgCount);

    private static int Status(CallContext call)
    {
        var co = CheckThread(call, 1);
        if (ReferenceEquals(co, call.State.CurrentThread)) return call.Return("running");
        return call.Return(co.Status switch
        {
            CoroutineStatus.Suspended => "suspended",
            CoroutineStatus.Normal => "normal",
            CoroutineStatus.Running => "running",
            _ => "dead",
        });
    }

    private static int Wrap(CallContext call)
    {
        if (call[1].Obj is not LuaClosure f) throw call.ArgError(1, "Lua function expected");
        var co = call.State.NewThread(f);
        return call.Return(call.State.CreateFunction("wrap", inner =>
        {
            var r = inner.State.Resume(co, ArgsFrom(inner, 1));
            if (r.Outcome == ResumeOutcome.Failed)
            {
                var error = r.Values[0];
                // lua5.1's auxwrap prefixes string errors with the caller's position
                if (error.IsString) error = LuaString.Concat(LuaString.FromLatin1(inner.Thread.Where(1)), error.AsString!);
                throw new LuaException(error);
            }
            inner.Thread.EnsureStack(r.Values.Length);
            foreach (var v in r.Values) inner.Push(v);
            return r.Values.Length;
        }));
    }

    private static int Running(CallContext call)
    {
        var t = call.State.CurrentThread;
        return call.Return(ReferenceEquals(t, call.State.MainThread) ? LuaValue.Nil : new LuaValue(t));
    }
}
