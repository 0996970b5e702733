namespace LuaVm.Runtime;

/// <summary>
/// A variable captured by a closure. While the variable's function is running the upvalue is
/// "open" and refers to the stack slot (the stack array and an index: when the thread's stack is
/// reallocated, LuaThread updates its open upvalues); when the block ends the VM "closes" it,
/// copying the value in. Closures created in the same
/// scope share one UpValue object, so they see each other's assignments.
/// </summary>
public sealed class UpValue
{
    /// <summary>The stack that holds the variable (its thread's); null once closed.</summary>
    internal LuaValue[]? Stack;
    /// <summary>Stack index of the variable while open.</summary>
    internal int Index;
    /// <summary>The value once closed.</summary>
    internal LuaValue Closed;
    /// <summary>Next open upvalue of the same thread (sorted by decreasing Index).</summary>
    internal UpValue? NextOpen;

    /// <summary>An open upvalue for stack slot <paramref name="index"/> of <paramref name="thread"/>.</summary>
    internal UpValue(LuaThread thread, int index)
    {
        Stack = thread.Stack;
        Index = index;
    }

    /// <summary>A closed upvalue holding <paramref name="value"/>.</summary>
    public UpValue(LuaValue value) => Closed = value;

    /// <summary>The variable itself.</summary>
    public ref LuaValue Value => ref Stack is null ? ref Closed : ref Stack[Index];

    /// <summary>True while the variable still lives on a stack.</summary>
    public bool IsOpen => Stack is not null;

    /// <summary>Copies the value in and detaches from the stack.</summary>
    internal void Close()
    {
        Closed = Stack![Index];
        Stack = null;
    }
}
