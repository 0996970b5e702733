using LuaVm.Runtime;
using LuaVm.Vm;

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
        var coroutine = state.Globals.Get("coroutine").AsTable!;
        ((NativeFunction)coroutine.Get("resume").Obj!).Kind = NativeKind.Resume;
        ((NativeFunction)coroutine.Get("yield").Obj!).Kind = NativeKind.Yield;
    }

    private static int Create(CallContext call)
    {
        if (call[1].Obj is not LuaClosure f) throw call.ArgError(1, "Lua function expected");
        return call.Return(new LuaValue(call.State.NewThread(f)));
    }

    private static LuaThread CheckThread(CallContext call, int n) =>
        call[n].Obj as LuaThread ?? throw call.ArgError(n, "coroutine expected");

    private static int Resume(CallContext call)
    {
        var co = CheckThread(call, 1);
        int argCount = Math.Max(0, call.ArgCount - 1);
        call.Push(LuaValue.True); // replaced by false on failure
        int flag = call.Thread.Top - 1;
        int n = Coroutines.ResumeOnStack(call.State, co, call.Thread, call.Base + 1, argCount, out var error);
        if (n >= 0) return n + 1;
        call.Thread.Stack[flag] = LuaValue.False;
        return call.Return(error!.Value) + 1;
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
        var wrapper = call.State.CreateFunction("wrap", inner =>
        {
            int n = Coroutines.ResumeOnStack(inner.State, co, inner.Thread, inner.Base, inner.ArgCount, out var failure);
            if (n >= 0) return n;
            throw Coroutines.WrapError(inner.Thread, failure!.Value);
        });
        // a CALL of the wrapper switches to the coroutine in the same loop (Coroutines.TryResumeInLoop);
        // the lambda above serves every other caller
        wrapper.Kind = NativeKind.Wrap;
        wrapper.WrappedCoroutine = co;
        return call.Return(wrapper);
    }

    private static int Running(CallContext call)
    {
        var t = call.State.CurrentThread;
        return call.Return(ReferenceEquals(t, call.State.MainThread) ? LuaValue.Nil : new LuaValue(t));
    }
}
