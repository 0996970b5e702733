namespace LuaVm.Runtime;

/// <summary>
/// A variable captured by a closure. While the variable's function is running the upvalue is
/// "open" and refers to the stack slot (through the thread, so stack reallocation is harmless);
/// when the block ends the VM "closes" it, copying the value in. Closures created in the same
/// scope share one UpValue object, so they see each other's assignments.
/// </summary>
public sealed class UpValue
{
    /// <summary>The thread whose stack holds the variable; null once closed.</summary>
    internal LuaThread? Thread;
    /// <summary>Stack index of the variable while open.</summary>
    internal int Index;
    /// <summary>The value once closed.</summary>
    internal LuaValue Closed;
    /// <summary>Next open upvalue of the same thread (sorted by decreasing Index).</summary>
    internal UpValue? NextOpen;

    /// <summary>An open upvalue for stack slot <paramref name="index"/> of <paramref name="thread"/>.</summary>
    internal UpValue(LuaThread thread, int index)
    {
        Thread = thread;
        Index = index;
    }

    /// <summary>A closed upvalue holding <paramref name="value"/>.</summary>
    public UpValue(LuaValue value) => Closed = value;

    /// <summary>The variable itself.</summary>
    public ref LuaValue Value => ref Thread is null ? ref Closed : ref Thread.Stack[Index];

    /// <summary>True while the variable still lives on a stack.</summary>
    public bool IsOpen => Thread is not null;

    /// <summary>Copies the value in and detaches from the stack.</summary>
    internal void Close()
    {
        Closed = Thread!.Stack[Index];
        Thread = null;
    }
}
