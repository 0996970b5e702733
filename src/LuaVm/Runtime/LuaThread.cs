using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>Status of a coroutine, as coroutine.status reports it.</summary>
public enum CoroutineStatus : byte
{
    /// <summary>Created or yielded: can be resumed.</summary>
    Suspended,
    /// <summary>The coroutine that is executing.</summary>
    Running,
    /// <summary>Active but not running: it resumed another coroutine.</summary>
    Normal,
    /// <summary>Finished or stopped by an error.</summary>
    Dead,
}

/// <summary>
/// A Lua thread (coroutine): its own value stack and call frames, both on the heap. The main
/// thread is one too. The interpreter (src/LuaVm/Vm) runs whichever thread is current. A
/// suspended coroutine keeps nothing on the .NET stack: a yield unwinds whatever its resume put
/// there (a nested loop when a native or the host resumed it, one compiled frame when compiled
/// code did, nothing when Lua code did), so no .NET stack is ever saved or switched.
/// </summary>
public sealed partial class LuaThread : LuaObject
{
    /// <summary>The state this thread belongs to.</summary>
    public readonly LuaState State;

    /// <summary>The value stack. May be reallocated when it grows: never hold on to it across a call.</summary>
    public LuaValue[] Stack;

    /// <summary>First free slot of the stack.</summary>
    public int Top;

    /// <summary>
    /// The thread's global table (getfenv(0), debug.setfenv on a thread; what loadstring gives
    /// its chunks). Null means the state's <see cref="LuaState.Globals"/>.
    /// </summary>
    public LuaTable? Env;

    /// <summary>The thread's global table: <see cref="Env"/> or the state's globals.</summary>
    public LuaTable Globals => Env ?? State.Globals;

    /// <summary>Coroutine status.</summary>
    public CoroutineStatus Status;

    /// <summary>Head of the list of open upvalues on this stack (highest index first).</summary>
    internal UpValue? OpenUpValues;

    /// <summary>Largest stack this thread may grow to, in slots (then "stack overflow").</summary>
    public const int MaxStackSize = 1_000_000;

    /// <summary>Creates a thread with a small stack.</summary>
    public LuaThread(LuaState state, int initialStackSize = 48) : base(LuaType.Thread)
    {
        State = state;
        Stack = new LuaValue[initialStackSize];
        AllocationMeter.Charge(ObjectSizes.Thread(initialStackSize, 3));
    }

    /// <summary>Pushes a value on top of the stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in LuaValue v)
    {
        if (Top >= Stack.Length) GrowStack(1);
        Stack[Top++] = v;
    }

    /// <summary>Makes sure <paramref name="extra"/> more slots exist above <see cref="Top"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureStack(int extra)
    {
        if (Top + extra > Stack.Length) GrowStack(extra);
    }

    /// <summary>Makes sure the stack has at least <paramref name="size"/> slots.</summary>
    public void EnsureStackSize(int size)
    {
        if (size > Stack.Length) GrowStack(size - Top);
    }

    private void GrowStack(int extra)
    {
        long needed = (long)Top + extra;
        if (needed > MaxStackSize) throw new LuaException("stack overflow");
        int size = Stack.Length;
        while (size < needed) size *= 2;
        if (size > MaxStackSize) size = MaxStackSize;
        AllocationMeter.Charge(ObjectSizes.Array(size, 16));
        Array.Resize(ref Stack, size);
        // open upvalues refer to the stack array itself (one load less on every access)
        for (var uv = OpenUpValues; uv is not null; uv = uv.NextOpen) uv.Stack = Stack;
    }
}
