using System.Runtime.CompilerServices;
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm.Jit;

/// <summary>
/// The fast paths that compiled code calls, one per instruction kind, with the registers passed
/// by reference and the instruction's operands as constants. Each is small enough for the JIT to
/// inline into the compiled method, where the constants fold. A helper that returns false (or
/// <see cref="Slow"/>) has changed nothing: the compiled code then leaves, and the interpreter
/// runs that instruction with all of Lua's rules (metamethods, coercions, errors).
///
/// Inlining is chosen by measurement: the small helpers (numbers, moves, tests, loops) and the
/// indexed read are inlined; the ones that search hash tables (globals, fields, writes, SELF,
/// length) are called. Inlining those too made compiled methods so large that the .NET JIT
/// spilled their registers (fannkuch 1.22 -> 1.44 s, nbody 1.37 -> 1.55 s, json 1.62 -> 1.80 s).
/// </summary>
internal static class FastPaths
{
    /// <summary>A comparison the fast path cannot decide (a metamethod or a coercion may be involved).</summary>
    public const int Slow = 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNumber(in LuaValue v) => ReferenceEquals(v.Obj, LuaValue.NumberTag);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFalsy(in LuaValue v) => v.IsFalsy;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNil(in LuaValue v) => v.IsNil;

    /// <summary>Stores a number (<see cref="LuaValue.StoreNumber"/>: no GC write barrier where the tag allows it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNumber(ref LuaValue slot, double d) => LuaValue.StoreNumber(ref slot, d);

    /// <summary>
    /// A move in compiled code (MOVE, LOADK, GETUPVAL). When both slots hold the same object (two
    /// numbers, say) only the double is written, and a number goes in through
    /// <see cref="LuaValue.StoreNumber"/> (no GC write barrier where the tag allows it): storing a
    /// reference through a byref costs one. Only compiled methods call this, and they inline it;
    /// the helpers below use their own <see cref="Copy"/>, and the interpreter
    /// <see cref="LuaValue.Assign"/>. Shared, it would run un-inlined in their tier-0 code, and
    /// the .NET JIT would lay out every inlined copy by that profile (the reference-storing
    /// branch first): mandelbrot went from 0.98 to 1.39 s once tier-1 call counting started at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Move(ref LuaValue to, in LuaValue from)
    {
        if (ReferenceEquals(to.Obj, from.Obj)) Unsafe.AsRef(in to.Num) = from.Num;
        else if (ReferenceEquals(from.Obj, LuaValue.NumberTag)) LuaValue.StoreNumber(ref to, from.Num);
        else LuaValue.CopyFields(ref to, from);
    }

    /// <summary><see cref="Move"/> for the helpers that are called rather than inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref LuaValue to, in LuaValue from)
    {
        if (ReferenceEquals(to.Obj, from.Obj)) Unsafe.AsRef(in to.Num) = from.Num;
        else if (ReferenceEquals(from.Obj, LuaValue.NumberTag)) LuaValue.StoreNumber(ref to, from.Num);
        else LuaValue.CopyFields(ref to, from);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNil(ref LuaValue to) => to = default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetBoolean(ref LuaValue to, bool b) => to = b ? LuaValue.True : LuaValue.False;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Not(ref LuaValue to, in LuaValue v) => to = v.IsFalsy ? LuaValue.True : LuaValue.False;

    /// <summary>Lua's modulo: a - floor(a/b)*b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mod(double x, double y) => x - Math.Floor(x / y) * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetUpval(ref LuaValue to, LuaClosure cl, int index) => Move(ref to, cl.UpValues[index].Value);

    /// <summary>SETUPVAL through <see cref="Move"/>: a counter kept in an upvalue is stored without a write barrier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetUpval(in LuaValue from, LuaClosure cl, int index) => Move(ref cl.UpValues[index].Value, from);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NewTable(ref LuaValue to, int arraySize, int hashSize) => to = new LuaTable(arraySize, hashSize);

    /// <summary>GETGLOBAL: found, or absent from an environment without a metatable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool GetGlobal(ref LuaValue to, LuaClosure cl, in LuaValue key)
    {
        var env = cl.Env;
        var v = env.GetStr(Unsafe.As<LuaString>(key.Obj!));
        if (v.IsNil && env.Metatable is not null) return false;
        Copy(ref to, v);
        return true;
    }

    /// <summary>SETGLOBAL into an environment without a metatable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool SetGlobal(in LuaValue from, LuaClosure cl, in LuaValue key)
    {
        var env = cl.Env;
        if (env.Metatable is not null) return false;
        env.SetStr(Unsafe.As<LuaString>(key.Obj!), from);
        return true;
    }

    /// <summary>GETTABLE with a constant string key (a field), through __index tables.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool GetField(ref LuaValue to, in LuaValue table, in LuaValue key)
    {
        if (table.Obj is not LuaTable tb) return false;
        var v = tb.GetStr(Unsafe.As<LuaString>(key.Obj!));
        if (v.IsNil && tb.Metatable is not null && !GetThroughIndexTables(tb, key, out v)) return false;
        Copy(ref to, v);
        return true;
    }

    /// <summary>
    /// A key (a string or a number) absent from <paramref name="tb"/>, looked up along its chain
    /// of __index tables (the class, its base class...), as luaV_gettable does. False when a
    /// __index function is met: that is the interpreter's (it calls Lua). For a string key,
    /// the metatable remembers where the key was found, or that no table of the chain has it
    /// (LuaTable.Metatable.cs): the next object of the same class finds it at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool GetThroughIndexTables(LuaTable tb, in LuaValue key, out LuaValue v)
    {
        if (key.Obj is LuaString name)
        {
            // the class itself first, as before: a method of the object's own class costs no more
            var tm = Metamethods.Get(tb.Metatable, TagMethod.Index);
            if (tm.Obj is not LuaTable cls)
            {
                v = default;
                return tm.IsNil;
            }
            v = cls.GetStr(name);
            if (!v.IsNil || cls.Metatable is null) return true;
            // deeper: where the object's metatable remembers the key was found
            var mt = tb.Metatable!;
            if (mt.TryGetChainHolder(name, out var holder))
            {
                if (holder is null) return true;
                v = holder.GetStr(name);
                if (!v.IsNil) return true; // else the field was cleared since: search again
            }
            return SearchChain(mt, name, out v);
        }
        for (int loop = 0; loop < 100; loop++)
        {
            var tm = Metamethods.Get(tb.Metatable, TagMethod.Index);
            if (tm.IsNil)
            {
                v = default;
                return true;
            }
            if (tm.Obj is not LuaTable next) break;
            v = next.GetNumber(key.Num);
            if (!v.IsNil) return true;
            tb = next;
        }
        v = default;
        return false;
    }

    /// <summary>
    /// <see cref="GetThroughIndexTables"/> for a string key not remembered by <paramref name="first"/>,
    /// the object's metatable: the chain's search, remembered when no table of it is weak (what
    /// a weak table holds may go, and a remembered table would be kept).
    /// </summary>
    private static bool SearchChain(LuaTable first, LuaString name, out LuaValue v)
    {
        var mt = first;
        bool remember = true;
        for (int loop = 0; loop < 100; loop++)
        {
            var tm = Metamethods.Get(mt, TagMethod.Index);
            remember &= !mt.WeakKeys && !mt.WeakValues;
            mt.MarkChainLink();
            if (tm.IsNil)
            {
                if (remember) first.RememberChainHolder(name, null);
                v = default;
                return true;
            }
            if (tm.Obj is not LuaTable next) break;
            remember &= !next.WeakKeys && !next.WeakValues;
            next.MarkChainLink();
            v = next.GetStr(name);
            if (!v.IsNil)
            {
                if (remember) first.RememberChainHolder(name, next);
                return true;
            }
            if (next.Metatable is not { } nextMt)
            {
                if (remember) first.RememberChainHolder(name, null);
                v = default;
                return true;
            }
            mt = nextMt;
        }
        v = default;
        return false;
    }

    /// <summary>GETTABLE with a string or number key, through __index tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GetTable(ref LuaValue to, in LuaValue table, in LuaValue key)
    {
        if (table.Obj is not LuaTable tb) return false;
        LuaValue v;
        if (ReferenceEquals(key.Obj, LuaValue.NumberTag)) v = tb.GetNumber(key.Num);
        else if (key.Obj is LuaString ks) v = tb.GetStr(ks);
        else return false;
        // the chain's search is called: an out argument here would keep v in memory in every loop that inlines this
        if (v.IsNil && tb.Metatable is not null) return GetFromIndexTables(ref to, tb, key);
        Copy(ref to, v);
        return true;
    }

    /// <summary><see cref="GetTable"/>'s key absent from the table itself: along its __index tables.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool GetFromIndexTables(ref LuaValue to, LuaTable tb, in LuaValue key)
    {
        if (!GetThroughIndexTables(tb, key, out var v)) return false;
        Copy(ref to, v);
        return true;
    }

    /// <summary>SETTABLE into a table without __newindex, with a string key or a number key that is not NaN.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool SetTable(in LuaValue table, in LuaValue key, in LuaValue value)
    {
        if (table.Obj is not LuaTable tb) return false;
        if (tb.Metatable is not null && !Metamethods.Get(tb.Metatable, TagMethod.NewIndex).IsNil) return false;
        if (ReferenceEquals(key.Obj, LuaValue.NumberTag))
        {
            if (double.IsNaN(key.Num)) return false;
            tb.SetNumber(key.Num, value);
        }
        else if (key.Obj is LuaString ks) tb.SetStr(ks, value);
        else return false;
        return true;
    }

    /// <summary>SELF with a constant string key: a method of a table (through __index tables), a string or a userdata.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Self(ref LuaValue to, in LuaValue obj, in LuaValue key, LuaThread t)
    {
        var name = Unsafe.As<LuaString>(key.Obj!);
        LuaValue v;
        if (obj.Obj is LuaTable tb)
        {
            v = tb.GetStr(name);
            if (v.IsNil && (!GetThroughIndexTables(tb, key, out v) || v.IsNil)) return false;
        }
        else if (obj.Obj is LuaString or LuaUserdata)
        {
            // a string method, or a method of a userdata (a socket) from its metatable's __index table
            v = Metamethods.MethodOf(obj.Obj is LuaUserdata ud ? ud.Metatable : t.State.StringMetatable, name);
            if (v.IsNil) return false;
        }
        else return false;
        var self = obj;
        Unsafe.Add(ref to, 1) = self;
        Copy(ref to, v);
        return true;
    }

    /// <summary>LEN of a table or a string.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Length(ref LuaValue to, in LuaValue v)
    {
        if (v.Obj is LuaTable tb) to = new LuaValue(tb.Length());
        else if (v.Obj is LuaString s) to = new LuaValue(s.Length);
        else return false;
        return true;
    }

    /// <summary>EQ without metamethods: 1 equal, 0 not, <see cref="Slow"/> when __eq may decide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Equal(in LuaValue b, in LuaValue c)
    {
        var x = b.Obj;
        var y = c.Obj;
        if (ReferenceEquals(x, LuaValue.NumberTag))
            return ReferenceEquals(y, LuaValue.NumberTag) && b.Num == c.Num ? 1 : 0;
        if (ReferenceEquals(x, y)) return 1;
        if (x is null || y is null || x.Type != y.Type) return 0;
        if (x is LuaString sx) return sx.ContentEquals(Unsafe.As<LuaString>(y)) ? 1 : 0;
        return x.Type is LuaType.Boolean or LuaType.Function or LuaType.Thread ? 0 : Slow;
    }

    // EQ with a constant operand. __eq is only ever asked when both values are tables or both
    // userdata, which a constant never is, so these answer for every value and never leave.

    /// <summary>EQ of a value and a string constant <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualString(in LuaValue v, in LuaValue k)
    {
        var o = v.Obj;
        return ReferenceEquals(o, k.Obj) || (o is LuaString s && s.ContentEquals(Unsafe.As<LuaString>(k.Obj!)));
    }

    /// <summary>EQ of a value and a number constant <paramref name="k"/> (false for a NaN constant, as in Lua).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EqualNumber(in LuaValue v, double k) => IsNumber(v) && v.Num == k;

    /// <summary>EQ of a value and a nil or boolean constant <paramref name="k"/>: the same tag (null for nil).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SameTag(in LuaValue v, in LuaValue k) => ReferenceEquals(v.Obj, k.Obj);

    /// <summary>LT without metamethods: 1 true, 0 false, <see cref="Slow"/> unless both are numbers or both strings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LessThan(in LuaValue b, in LuaValue c)
    {
        if (IsNumber(b) && IsNumber(c)) return b.Num < c.Num ? 1 : 0;
        if (b.Obj is LuaString sb && c.Obj is LuaString sc) return sb.CompareTo(sc) < 0 ? 1 : 0;
        return Slow;
    }

    /// <summary>LE without metamethods: 1 true, 0 false, <see cref="Slow"/> unless both are numbers or both strings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LessEqual(in LuaValue b, in LuaValue c)
    {
        if (IsNumber(b) && IsNumber(c)) return b.Num <= c.Num ? 1 : 0;
        if (b.Obj is LuaString sb && c.Obj is LuaString sc) return sb.CompareTo(sc) <= 0 ? 1 : 0;
        return Slow;
    }

    /// <summary>FORPREP on three numbers: the index steps back once, FORLOOP steps it forward.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ForPrep(ref LuaValue index)
    {
        ref var limit = ref Unsafe.Add(ref index, 1);
        ref var step = ref Unsafe.Add(ref index, 2);
        if (!IsNumber(index) || !IsNumber(limit) || !IsNumber(step)) return false;
        StoreNumber(ref index, index.Num - step.Num);
        return true;
    }

    /// <summary>FORLOOP: true when the loop goes on (the index and the visible copy are updated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ForLoop(ref LuaValue index)
    {
        double step = Unsafe.Add(ref index, 2).Num;
        double idx = index.Num + step;
        double limit = Unsafe.Add(ref index, 1).Num;
        if (step > 0 ? idx <= limit : limit <= idx)
        {
            StoreNumber(ref index, idx);
            StoreNumber(ref Unsafe.Add(ref index, 3), idx);
            return true;
        }
        return false;
    }

    /// <summary>Whether compiled code must leave at a backward jump: a collection or a hook is waiting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MustLeave(LuaThread t) => t.Protocol.PendingCollect || t.HookMask != 0;
}
