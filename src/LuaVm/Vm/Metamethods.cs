using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>Metamethod events (ltm.h). The first six are cached as "absent" bits in LuaTable.AbsentMetamethods.</summary>
internal enum TagMethod : byte
{
    Index, NewIndex, Gc, Mode, Eq, Len,
    Add, Sub, Mul, Div, Mod, Pow, Unm, Lt, Le, Concat, Call, ToString,
}

/// <summary>Finding metamethods, and the slow paths of indexing, arithmetic, comparison and concatenation.</summary>
internal static class Metamethods
{
    private static readonly LuaString[] Names =
    [
        Name("__index"), Name("__newindex"), Name("__gc"), Name("__mode"), Name("__eq"), Name("__len"),
        Name("__add"), Name("__sub"), Name("__mul"), Name("__div"), Name("__mod"), Name("__pow"), Name("__unm"),
        Name("__lt"), Name("__le"), Name("__concat"), Name("__call"), Name("__tostring"),
    ];

    private static LuaString Name(string s) => LuaString.FromLatin1(s);

    /// <summary>The metatable of any value (tables and userdata have their own; other types share one per type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaTable? GetMetatable(LuaState state, in LuaValue v) => v.Obj switch
    {
        LuaTable t => t.Metatable,
        LuaUserdata u => u.Metatable,
        LuaString => state.StringMetatable,
        null => state.TypeMetatables[(int)LuaType.Nil],
        _ => state.TypeMetatables[(int)v.Type],
    };

    /// <summary>A metamethod from a metatable, using the absent-bit cache for the first six events.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue Get(LuaTable? mt, TagMethod tm)
    {
        if (mt is null) return LuaValue.Nil;
        if (tm == TagMethod.Index && mt.IndexCache is { } cached) return new LuaValue(cached);
        if ((int)tm < 6 && (mt.AbsentMetamethods & (1 << (int)tm)) != 0) return LuaValue.Nil;
        var v = mt.GetStr(Names[(int)tm]);
        if (v.IsNil && (int)tm < 6) mt.AbsentMetamethods |= (byte)(1 << (int)tm);
        // a weak metatable's __index may be collected: the cache would keep it
        else if (tm == TagMethod.Index && v.Obj is LuaTable or LuaFunction && !mt.WeakValues) mt.IndexCache = v.Obj;
        return v;
    }

    public static LuaValue GetByObject(LuaState state, in LuaValue v, TagMethod tm) => Get(GetMetatable(state, v), tm);

    /// <summary>
    /// obj:name(...) on a string or a userdata (a socket, say): the method from its metatable's
    /// __index table, looked up directly; nil sends the caller down the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue MethodOf(LuaTable? metatable, LuaString name) =>
        Get(metatable, TagMethod.Index).Obj is LuaTable methods ? methods.GetStr(name) : LuaValue.Nil;

    // ---- indexing ----

    private const int MaxTagLoop = 100;

    /// <summary>t[key] with __index (luaV_gettable). <paramref name="register"/> names the operand in errors (-1: none).</summary>
    public static LuaValue Index(LuaThread thread, LuaValue obj, in LuaValue key, int register)
    {
        for (int loop = 0; loop < MaxTagLoop; loop++)
        {
            LuaValue tm;
            if (obj.Obj is LuaTable table)
            {
                var raw = table.Get(key);
                if (!raw.IsNil) return raw;
                tm = Get(table.Metatable, TagMethod.Index);
                if (tm.IsNil) return raw;
            }
            else
            {
                tm = GetByObject(thread.State, obj, TagMethod.Index);
                if (tm.IsNil) throw Errors.TypeError(thread, obj, "index", register);
            }
            if (tm.Obj is LuaFunction) return Interpreter.CallMeta(thread, tm, obj, key);
            obj = tm;
            register = -1;
        }
        throw Errors.RuntimeError(thread, "loop in gettable");
    }

    /// <summary>t[key] = value with __newindex (luaV_settable).</summary>
    public static void SetIndex(LuaThread thread, LuaValue obj, in LuaValue key, in LuaValue value, int register)
    {
        for (int loop = 0; loop < MaxTagLoop; loop++)
        {
            LuaValue tm;
            if (obj.Obj is LuaTable table)
            {
                var mt = table.Metatable;
                if (mt is null || !table.Get(key).IsNil || (tm = Get(mt, TagMethod.NewIndex)).IsNil)
                {
                    RawSet(thread, table, key, value);
                    return;
                }
            }
            else
            {
                tm = GetByObject(thread.State, obj, TagMethod.NewIndex);
                if (tm.IsNil) throw Errors.TypeError(thread, obj, "index", register);
            }
            if (tm.Obj is LuaFunction)
            {
                Interpreter.CallMeta(thread, tm, obj, key, value, results: 0);
                return;
            }
            obj = tm;
            register = -1;
        }
        throw Errors.RuntimeError(thread, "loop in settable");
    }

    /// <summary>rawset with lua5.1's errors for nil and NaN keys.</summary>
    public static void RawSet(LuaThread thread, LuaTable table, in LuaValue key, in LuaValue value)
    {
        if (key.IsNil) throw Errors.RuntimeError(thread, "table index is nil");
        if (key.IsNumber && double.IsNaN(key.Num)) throw Errors.RuntimeError(thread, "table index is NaN");
        table.Set(key, value);
    }

    // ---- arithmetic ----

    public static double ArithNumbers(TagMethod op, double a, double b) => op switch
    {
        TagMethod.Add => a + b,
        TagMethod.Sub => a - b,
        TagMethod.Mul => a * b,
        TagMethod.Div => a / b,
        TagMethod.Mod => a - Math.Floor(a / b) * b,
        TagMethod.Pow => Math.Pow(a, b),
        _ => -a,
    };

    /// <summary>Arithmetic with string coercion and metamethods (luaV_arith).</summary>
    public static LuaValue Arith(LuaThread thread, TagMethod op, in LuaValue a, in LuaValue b, int regA, int regB)
    {
        if (a.TryToNumber(out double x) && b.TryToNumber(out double y)) return ArithNumbers(op, x, y);
        var tm = GetByObject(thread.State, a, op);
        if (tm.IsNil) tm = GetByObject(thread.State, b, op);
        if (tm.IsNil)
        {
            bool firstBad = !a.TryToNumber(out _);
            throw Errors.TypeError(thread, firstBad ? a : b, "perform arithmetic on", firstBad ? regA : regB);
        }
        return Interpreter.CallMeta(thread, tm, a, b);
    }

    /// <summary>The # operator (5.1: strings and tables are raw; other types use __len).</summary>
    public static LuaValue Length(LuaThread thread, in LuaValue v, int register)
    {
        if (v.Obj is LuaString s) return s.Length;
        if (v.Obj is LuaTable t) return t.Length();
        var tm = GetByObject(thread.State, v, TagMethod.Len);
        if (tm.IsNil) throw Errors.TypeError(thread, v, "get length of", register);
        return Interpreter.CallMeta(thread, tm, v, LuaValue.Nil);
    }

    // ---- comparison ----

    /// <summary>== with __eq (only between two tables or two userdata, with the same metamethod).</summary>
    public static bool AreEqual(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (LuaValue.RawEquals(a, b)) return true;
        if (a.Type != b.Type) return false;
        if (a.Obj is not (LuaTable or LuaUserdata)) return false;
        var tm = GetEqualityHandler(thread.State, a, b);
        return !tm.IsNil && Interpreter.CallMeta(thread, tm, a, b).IsTruthy;
    }

    private static LuaValue GetEqualityHandler(LuaState state, in LuaValue a, in LuaValue b)
    {
        var mt1 = GetMetatable(state, a);
        var tm1 = Get(mt1, TagMethod.Eq);
        if (tm1.IsNil) return LuaValue.Nil;
        var mt2 = GetMetatable(state, b);
        if (ReferenceEquals(mt1, mt2)) return tm1;
        var tm2 = Get(mt2, TagMethod.Eq);
        return LuaValue.RawEquals(tm1, tm2) ? tm1 : LuaValue.Nil;
    }

    /// <summary>&lt; (luaV_lessthan).</summary>
    public static bool LessThan(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (a.IsNumber && b.IsNumber) return a.Num < b.Num;
        if (a.Obj is LuaString sa && b.Obj is LuaString sb) return sa.CompareTo(sb) < 0;
        var r = CallOrderTm(thread, a, b, TagMethod.Lt);
        if (r is null) throw Errors.OrderError(thread, a, b);
        return r.Value;
    }

    /// <summary>&lt;= (luaV_lessequal): __le, or else not (b &lt; a) through __lt.</summary>
    public static bool LessEqual(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (a.IsNumber && b.IsNumber) return a.Num <= b.Num;
        if (a.Obj is LuaString sa && b.Obj is LuaString sb) return sa.CompareTo(sb) <= 0;
        var r = CallOrderTm(thread, a, b, TagMethod.Le);
        if (r is not null) return r.Value;
        thread.Protocol.NegateMetaFrame(true); // if __lt runs as a frame, its result is negated when it returns
        r = CallOrderTm(thread, b, a, TagMethod.Lt);
        thread.Protocol.NegateMetaFrame(false);
        if (r is not null) return !r.Value;
        throw Errors.OrderError(thread, a, b);
    }

    private static bool? CallOrderTm(LuaThread thread, in LuaValue a, in LuaValue b, TagMethod ev)
    {
        if (a.Type != b.Type) return null;
        var tm1 = GetByObject(thread.State, a, ev);
        if (tm1.IsNil) return null;
        var tm2 = GetByObject(thread.State, b, ev);
        if (!LuaValue.RawEquals(tm1, tm2)) return null;
        return Interpreter.CallMeta(thread, tm1, a, b).IsTruthy;
    }

    // ---- concatenation ----

    /// <summary>
    /// Concatenates registers first..last of the current frame into register first, as OP_CONCAT
    /// does: runs of strings and numbers are joined at once, __concat handles the rest pairwise
    /// from the right.
    /// </summary>
    public static void Concat(LuaThread thread, int first, int last)
    {
        int total = last - first + 1;
        int top = last + 1; // one past the last operand
        int savedTop = thread.Top;
        bool asFrame = thread.Protocol.MetaFrameAllowed; // may each metamethod run as a frame of the loop?
        do
        {
            var stack = thread.Stack;
            var a = stack[top - 2];
            var b = stack[top - 1];
            int consumed;
            if (!(a.IsString || a.IsNumber) || !(b.IsString || b.IsNumber))
            {
                var tm = GetByObject(thread.State, a, TagMethod.Concat);
                if (tm.IsNil) tm = GetByObject(thread.State, b, TagMethod.Concat);
                if (tm.IsNil)
                {
                    bool firstIsText = a.IsString || a.IsNumber;
                    throw Errors.TypeError(thread, firstIsText ? b : a, "concatenate", firstIsText ? top - 1 : top - 2, absolute: true);
                }
                // The call goes just above the operands left (the slots there are free, as in
                // lvm.c), so that a metamethod run as a frame of the loop (one that may yield)
                // tells Interpreter.FinishMetamethod where the concatenation stopped.
                thread.Top = top;
                thread.Protocol.RestoreMetaFrameAllowed(asFrame);
                var r = Interpreter.CallMeta(thread, tm, a, b);
                if (thread.Protocol.MetaFramePushed) return;
                thread.Stack[top - 2] = r;
                consumed = 2;
            }
            else
            {
                // Gather as many string/number operands as possible, from the right, turning
                // numbers into strings in their slots (as lvm.c does) so each converts once.
                int n = 1;
                if (b.IsNumber) stack[top - 1] = b = b.ToLuaStringCoerced()!;
                long length = b.ToLuaStringCoerced()!.Length;
                while (n < total)
                {
                    var v = stack[top - n - 1];
                    if (!(v.IsString || v.IsNumber)) break;
                    if (v.IsNumber) stack[top - n - 1] = v = v.ToLuaStringCoerced()!;
                    length += v.ToLuaStringCoerced()!.Length;
                    n++;
                }
                if (length > LuaString.MaxLength) throw Errors.RuntimeError(thread, "string length overflow");
                thread.State.Gc.EnsureRoom(length);
                var buffer = new byte[length];
                int pos = 0;
                for (int i = top - n; i < top; i++)
                {
                    var s = stack[i].ToLuaStringCoerced()!;
                    s.Bytes.CopyTo(buffer, pos);
                    pos += s.Length;
                }
                stack[top - n] = new LuaString(buffer);
                consumed = n;
            }
            total -= consumed - 1;
            top -= consumed - 1;
        } while (total > 1);
        thread.Top = savedTop;
    }
}
