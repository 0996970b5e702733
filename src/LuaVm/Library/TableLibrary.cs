using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm.Library;

/// <summary>The table library of Lua 5.1 (ltablib.c).</summary>
public static class TableLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        StandardLibraries.Register(state, "table",
            ("insert", Insert), ("remove", Remove), ("concat", Concat), ("sort", Sort),
            ("maxn", MaxN), ("getn", GetN), ("setn", SetN), ("foreach", ForEach), ("foreachi", ForEachI));
    }

    private static int GetN(CallContext call) => call.Return(call.CheckTable(1).Length());

    private static int SetN(CallContext call)
    {
        call.CheckTable(1);
        throw call.Error("'setn' is obsolete");
    }

    private static int Insert(CallContext call)
    {
        var t = call.CheckTable(1);
        int e = t.Length() + 1;
        long pos;
        switch (call.ArgCount)
        {
            case 2:
                pos = e;
                break;
            case 3:
                pos = call.CheckInt(2); // luaL_checkint
                if (pos > e) e = (int)pos;
                for (long i = e; i > pos; i--) t.SetInt(i, t.GetInt(i - 1));
                break;
            default:
                throw call.Error("wrong number of arguments to 'insert'");
        }
        Metamethods.RawSet(call.Thread, t, pos, call[call.ArgCount]);
        return 0;
    }

    private static int Remove(CallContext call)
    {
        var t = call.CheckTable(1);
        int e = t.Length();
        long pos = call.OptInt(2, e); // luaL_optint
        if (pos < 1 || pos > e) return 0; // 5.1.5: a position outside 1..#t removes nothing
        var removed = t.GetInt(pos);
        for (; pos < e; pos++) t.SetInt(pos, t.GetInt(pos + 1));
        t.SetInt(e, LuaValue.Nil);
        return call.Return(removed);
    }

    private static int Concat(CallContext call)
    {
        // ltablib.c's order of checks, and its int positions (luaL_optint truncates as C does)
        var sep = call.OptString(2, LuaString.Empty)!;
        var t = call.CheckTable(1);
        long i = call.OptInt(3, 1);
        long last = call.IsNoneOrNil(4) ? t.Length() : call.CheckInt(4);
        // Two passes: the exact length first (checking every value), so that the result is the
        // only allocation, however many pieces (a list of them would be one more large object).
        long length = 0;
        for (long n = i; n <= last; n++)
        {
            if ((n & 4095) == 0) Vm.Hooks.PollInterrupt(call.Thread); // a huge table must not hold off a watchdog
            length += Piece(call, t, n).Length + (n != last ? sep.Length : 0);
            if (length > LuaString.MaxLength) throw call.Error("not enough memory");
        }
        call.State.Gc.EnsureRoom(length);
        var buffer = new byte[length];
        int pos = 0;
        for (long n = i; n <= last; n++)
        {
            if (n > i)
            {
                sep.Bytes.CopyTo(buffer, pos);
                pos += sep.Length;
            }
            var piece = Piece(call, t, n);
            piece.Bytes.CopyTo(buffer, pos);
            pos += piece.Length;
        }
        return call.Return(new LuaString(buffer));
    }

    /// <summary>t[n] as a string for concat (a number is converted), or lua5.1's error.</summary>
    private static LuaString Piece(CallContext call, LuaTable t, long n)
    {
        var v = t.GetInt(n);
        if (v.Obj is LuaString s) return s;
        return v.IsNumber ? v.ToLuaStringCoerced()! : throw call.Error($"invalid value ({v.TypeName()}) at index {n} in table for 'concat'");
    }

    private static int MaxN(CallContext call)
    {
        var t = call.CheckTable(1);
        double max = 0;
        var k = LuaValue.Nil;
        while (t.Next(k, out var nk, out _))
        {
            if (nk.IsNumber && nk.Num > max) max = nk.Num;
            k = nk;
        }
        return call.Return(max);
    }

    private static int ForEachI(CallContext call)
    {
        var t = call.CheckTable(1);
        var f = call.CheckFunction(2);
        int n = t.Length();
        for (int i = 1; i <= n; i++)
        {
            var r = call.State.Call(f, i, t.GetInt(i));
            if (r.Length > 0 && !r[0].IsNil) return call.Return(r[0]);
        }
        return 0;
    }

    private static int ForEach(CallContext call)
    {
        var t = call.CheckTable(1);
        var f = call.CheckFunction(2);
        var k = LuaValue.Nil;
        while (t.Next(k, out var nk, out var v))
        {
            var r = call.State.Call(f, nk, v);
            if (r.Length > 0 && !r[0].IsNil) return call.Return(r[0]);
            k = nk;
        }
        return 0;
    }

    // ---- sort: lua5.1's quicksort (auxsort), so that invalid order functions are detected the same way ----

    private static int Sort(CallContext call)
    {
        var t = call.CheckTable(1);
        int n = t.Length();
        if (!call.IsNoneOrNil(2)) call.CheckFunction(2);
        var sorter = new Sorter(call, t, call[2]);
        sorter.AuxSort(1, n);
        return 0;
    }

    private sealed class Sorter(CallContext call, LuaTable t, LuaValue comparator)
    {
        private bool Less(in LuaValue a, in LuaValue b)
        {
            if (comparator.IsNil) return Metamethods.LessThan(call.Thread, a, b);
            return Interpreter.CallMeta(call.Thread, comparator, a, b).IsTruthy;
        }

        private LuaValue Get(int i) => t.GetInt(i);

        private void Set(int i, in LuaValue v) => t.SetInt(i, v);

        private void Swap(int i, int j)
        {
            var a = Get(i);
            Set(i, Get(j));
            Set(j, a);
        }

        public void AuxSort(int l, int u)
        {
            while (l < u)
            {
                if (Less(Get(u), Get(l))) Swap(l, u);
                if (u - l == 1) break;
                int i = (l + u) / 2;
                if (Less(Get(i), Get(l))) Swap(i, l);
                else if (Less(Get(u), Get(i))) Swap(i, u);
                if (u - l == 2) break;
                var pivot = Get(i);
                Swap(i, u - 1);
                i = l;
                int j = u - 1;
                while (true)
                {
                    while (Less(Get(++i), pivot))
                        if (i > u) throw call.Error("invalid order function for sorting");
                    while (Less(pivot, Get(--j)))
                        if (j < l) throw call.Error("invalid order function for sorting");
                    if (j < i) break;
                    Swap(i, j);
                }
                Swap(u - 1, i);
                if (i - l < u - i)
                {
                    j = l;
                    i--;
                    l = i + 2;
                }
                else
                {
                    j = i + 1;
                    i = u;
                    u = j - 2;
                }
                AuxSort(j, i);
            }
        }
    }
}
