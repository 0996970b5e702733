using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm;

// Running code: the public face of the interpreter in Vm/.
public sealed partial class LuaState
{
    /// <summary>
    /// Compiles a chunk (source text, or a binary chunk from string.dump) into a function whose
    /// environment is <paramref name="env"/> (default: the globals). Throws <see cref="LuaException"/>
    /// with lua5.1's message ("chunk:line: message near 'token'") on a syntax error.
    /// </summary>
    /// <remarks><paramref name="chunkName"/> is .NET text: error messages carry its UTF-8 bytes.</remarks>
    public LuaClosure Load(ReadOnlySpan<byte> chunk, string chunkName, LuaTable? env = null) =>
        LoadNamedInLatin1(chunk, LuaString.Utf8ByteChars(chunkName), env);

    /// <summary><see cref="Load"/> for the libraries, whose chunk names already carry Lua bytes one char per byte.</summary>
    internal LuaClosure LoadNamedInLatin1(ReadOnlySpan<byte> chunk, string chunkName, LuaTable? env = null)
    {
        bool binary = chunk.Length > 0 && chunk[0] == 0x1B;
        if (binary && !AllowBinaryChunks) throw new LuaException(BinaryChunksRefused);
        var proto = binary
            ? Bytecode.BinaryChunk.Undump(chunk, chunkName)
            : Compiler.LuaCompiler.Compile(chunk, chunkName);
        var closure = new LuaClosure(proto, env ?? Globals);
        // A dumped function may have upvalues; like lua5.1's, they start out as fresh nils.
        for (int i = 0; i < closure.UpValues.Length; i++) closure.UpValues[i] = new UpValue(LuaValue.Nil);
        return closure;
    }

    /// <summary>
    /// Whether <see cref="Load"/> (and so load, loadstring, loadfile, dofile and require) accepts
    /// binary chunks from string.dump. True by default, as in lua5.1; false in
    /// <see cref="CreateSandbox"/>, where a binary chunk would be refused with
    /// "attempt to load a binary chunk (this state accepts source text only)".
    /// </summary>
    public bool AllowBinaryChunks { get; set; } = true;

    private const string BinaryChunksRefused = "attempt to load a binary chunk (this state accepts source text only)";

    /// <summary>
    /// Calls a Lua value with arguments on the running thread and returns all its results. A Lua
    /// error surfaces as <see cref="LuaException"/> with <see cref="LuaException.LuaTraceback"/> set
    /// when it was not caught inside Lua.
    /// </summary>
    public LuaValue[] Call(LuaValue function, params LuaValue[] args)
    {
        int outer = EnterFromThisThread();
        var t = CurrentThread;
        int func = t.Top;
        t.EnsureStack(args.Length + 1);
        t.Stack[func] = function;
        for (int i = 0; i < args.Length; i++) t.Stack[func + 1 + i] = args[i];
        t.Top = func + 1 + args.Length;
        try
        {
            int n = Interpreter.Call(t, func, -1);
            var results = new LuaValue[n];
            Array.Copy(t.Stack, func, results, 0, n);
            return results;
        }
        catch (LuaException e) when (e.Uncatchable)
        {
            throw Cancellation(e);
        }
        finally
        {
            t.Top = func;
            LeaveFromThisThread(outer);
        }
    }

    /// <summary>
    /// A cancellation that left the Lua code (an <see cref="OperationCanceledException"/> thrown by
    /// C# code it called, which no pcall held): the exception itself goes on to the caller.
    /// </summary>
    private static Exception Cancellation(LuaException e)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException!);
        return e; // not reached
    }

    // A state runs on one thread at a time. The entry points that run Lua (Call and everything
    // built on it, Resume) record which thread is inside; a second thread entering meanwhile gets
    // an InvalidOperationException instead of corrupting the state. Nested entries from the same
    // thread (a C# function calling back into Lua) are fine. One compare-and-swap per outermost entry; nested ones only compare.
    private int _threadInside; // managed thread id of the thread running this state's Lua code, 0 when none

    private int EnterFromThisThread()
    {
        int me = Environment.CurrentManagedThreadId;
        // a library function calling back into Lua (a sort comparator, a gsub callback, print's
        // tostring) is already inside on this thread: no compare-and-swap for it
        if (_threadInside == me) return NestedEntry(me);
        int inside = Interlocked.CompareExchange(ref _threadInside, me, 0);
        if (inside != 0 && inside != me)
            throw new InvalidOperationException(
                "this LuaState is running Lua code on another thread: a state may be used by one thread at a time (see docs/embedding.md, \"Threads\")");
        // what this thread allocates from now until the matching leave is this state's (its memory count)
        if (inside == 0) Gc.EnterThread(this);
        return inside;
    }

    /// <summary>
    /// Holds this state on the calling thread until the scope is disposed: the <see cref="Call"/>s
    /// and <see cref="Resume"/>s made on it meanwhile are nested entries, which skip the outermost
    /// entry's work (the compare-and-swap that claims the state, and the switch of the thread's
    /// allocation count to this state and back). A host that resumes coroutines many thousand
    /// times a second from its own loop (kraken's server) holds the state for the loop's life.
    /// Meanwhile what this thread allocates counts as allocated by the state, as while Lua code
    /// runs: with a <see cref="MemoryLimit"/> that only brings the next measurement of what is
    /// live sooner. Another thread that tries to run the state's code meanwhile gets the usual
    /// InvalidOperationException. Dispose on the same thread, scopes in the reverse order of
    /// their making.
    /// </summary>
    public ThreadScope HoldOnThisThread() => new(this, EnterFromThisThread());

    /// <summary>What <see cref="HoldOnThisThread"/> returns: disposing it lets the state go.</summary>
    public readonly struct ThreadScope : IDisposable
    {
        private readonly LuaState? _state;
        private readonly int _outer;

        internal ThreadScope(LuaState state, int outer)
        {
            _state = state;
            _outer = outer;
        }

        public void Dispose() => _state?.LeaveFromThisThread(_outer);
    }

    private void LeaveFromThisThread(int outer)
    {
        if (outer == ReenteredFromOtherState)
        {
            Gc.LeaveNested(_reentryOuters.Pop());
            return;
        }
        if (outer != 0) return;
        Gc.LeaveThread();
        Volatile.Write(ref _threadInside, 0);
    }

    // A state running here that called another state's code, which calls back into this one
    // (A's function runs B, B's function runs A again): the nested entry takes the thread's memory
    // meter back from B until it returns, so A's allocations stay A's. Such entries nest in order,
    // so a stack of whom each took it from is enough.
    private const int ReenteredFromOtherState = -1;
    private readonly Stack<MeteredHeap?> _reentryOuters = new();

    private int NestedEntry(int me)
    {
        if (ReferenceEquals(AllocationMeter.Current, Gc)) return me;
        _reentryOuters.Push(Gc.EnterNested(this));
        return ReenteredFromOtherState;
    }

    /// <summary>
    /// Compiles and runs source text given as a .NET string (its UTF-8 encoding is the chunk, as
    /// lua5.1 reads a UTF-8 file: "é" is two bytes); returns the chunk's results.
    /// </summary>
    public LuaValue[] DoString(string code, string chunkName = "=(string)") =>
        Call(Load(System.Text.Encoding.UTF8.GetBytes(code), chunkName));

    /// <summary>
    /// Compiles a file as loadfile does: chunk name "@path", a first line starting with '#'
    /// skipped. A file that cannot be read raises a <see cref="LuaException"/> with lua5.1's
    /// message ("cannot open path: No such file or directory", "cannot read path: Is a directory").
    /// </summary>
    public LuaClosure LoadFile(string path)
    {
        string name = Library.Io.OsStrings.FromOs(path); // the name's UTF-8 bytes, as Lua sees them
        return LoadNamedInLatin1(Compiler.LuaCompiler.SkipShebangLine(Library.BaseLibrary.ReadSourceFile(name)), "@" + name);
    }

    /// <summary>Compiles and runs a file (see <see cref="LoadFile"/>); returns the chunk's results.</summary>
    public LuaValue[] DoFile(string path) => Call(LoadFile(path));

    /// <summary>Creates a coroutine running <paramref name="function"/> (coroutine.create).</summary>
    public LuaThread NewThread(LuaFunction function)
    {
        // as lua_newthread: the new thread starts with the creating thread's hook mask and count
        // (and the budget); the Lua hook function itself is not inherited, as debug.sethook keeps
        // it per thread in lua5.1, so those events find no function and do nothing
        var creator = CurrentThread;
        // 32 slots: a small function plus LUA_MINSTACK (20) for the native it calls; a million
        // suspended coroutines should fit in under 1 KiB each (bench note in docs/benchmarks.md)
        return new LuaThread(this, initialStackSize: 32)
        {
            StartFunction = function,
            HookMask = creator.HookMask | (_instructionLimit > 0 ? HookMask.Budget : HookMask.None),
            HookCount = creator.HookCount,
            HookCounter = creator.HookCount,
        };
    }

    /// <summary>
    /// Resumes a suspended coroutine with arguments, running it until it yields, returns or fails.
    /// This is how a host continues a coroutine that a native function suspended with
    /// <see cref="CallContext.Yield(int)"/>: the arguments become that native function's results.
    /// </summary>
    public ResumeResult Resume(LuaThread coroutine, params LuaValue[] args)
    {
        int outer = EnterFromThisThread();
        try
        {
            return Coroutines.Resume(this, coroutine, args);
        }
        catch (LuaException e) when (e.Uncatchable)
        {
            throw Cancellation(e);
        }
        finally
        {
            LeaveFromThisThread(outer);
        }
    }

    // tostring's fixed results, shared (no allocation; equal to constants by reference)
    private static readonly LuaString NilName = LuaString.Shared("nil"), TrueName = LuaString.Shared("true"), FalseName = LuaString.Shared("false");

    /// <summary>What tostring() returns: the result of __tostring as it is (lua5.1 does not check it), or the value's string form.</summary>
    public LuaValue ToStringValue(LuaValue value)
    {
        var tm = Metamethods.GetByObject(this, value, TagMethod.ToString);
        if (!tm.IsNil) return Interpreter.CallMeta(CurrentThread, tm, value, LuaValue.Nil);
        if (value.IsNil) return NilName;
        if (value.Obj is { Type: LuaType.Boolean }) return value.IsFalsy ? FalseName : TrueName;
        return value.ToLuaStringCoerced() ?? LuaString.FromLatin1(value.ToString());
    }

    /// <summary>tostring() semantics, __tostring included, insisting on a string result.</summary>
    public LuaString ToStringMeta(LuaValue value)
    {
        var tm = Metamethods.GetByObject(this, value, TagMethod.ToString);
        if (!tm.IsNil)
        {
            var r = Interpreter.CallMeta(CurrentThread, tm, value, LuaValue.Nil);
            return r.Obj as LuaString ?? throw new LuaException("'__tostring' must return a string");
        }
        return value.ToLuaStringCoerced() ?? LuaString.FromLatin1(value.ToString());
    }
}
