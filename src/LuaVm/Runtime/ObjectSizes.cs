using LuaVm.Bytecode;

namespace LuaVm.Runtime;

/// <summary>
/// Estimated .NET sizes of Lua's objects on a 64-bit runtime (16 bytes of object header, arrays
/// 24 plus their elements, everything rounded up to 8), what <see cref="HeapWalk"/> counts and
/// what allocations report to <see cref="AllocationMeter"/>. They are kept at or below the real
/// sizes, so that a walk never finds more than was allocated.
/// </summary>
internal static class ObjectSizes
{
    /// <summary>A small object with a field or two (a light userdata, an upvalue's share).</summary>
    public const int Object = 24;

    /// <summary>An array of <paramref name="length"/> elements of <paramref name="elementSize"/> bytes.</summary>
    public static long Array(long length, int elementSize) => 24 + Round8(length * elementSize);

    /// <summary>A string: the object, then its byte array.</summary>
    public static long String(int length) => 40 + Array(length, 1);

    /// <summary>A table object without its parts (see LuaTable.EstimatedBytes).</summary>
    public const int Table = 64;

    /// <summary>A closure, its upvalue array and its upvalues (shared ones are counted by each closure).</summary>
    public static long Closure(int upvalues) => 48 + (upvalues == 0 ? 0 : Array(upvalues, 8) + upvalues * UpValue);

    /// <summary>An upvalue object (a stack reference, an index, a value and a link).</summary>
    public const int UpValue = 56;

    /// <summary>A native function and its delegate.</summary>
    public const int NativeFunction = 120;

    /// <summary>A userdata; its .NET object counted only when it is an array or a string.</summary>
    public static long Userdata(object? value) => 56 + value switch
    {
        byte[] bytes => Array(bytes.Length, 1),
        string s => Array(s.Length, 2),
        _ => 0,
    };

    /// <summary>A coroutine: the object, its protocol state, its value stack and its frames.</summary>
    public static long Thread(int stackSlots, int frames) => 150 + Array(stackSlots, 16) + Array(frames, 64);

    /// <summary>A function prototype: its code, line numbers, constants, nested prototypes and debug names.</summary>
    public static long Proto(Proto p) => 160 + Array(p.Code.Length, 4) + Array(p.LineInfo.Length, 4)
        + Array(p.Constants.Length, 16) + Array(p.Protos.Length, 8) + Array(p.LocVars.Length, 16)
        + Array(p.UpvalueNames.Length, 8);

    private static long Round8(long n) => (n + 7) & ~7L;
}
