using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>The math library of Lua 5.1 (lmathlib.c).</summary>
public static class MathLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        var random = new GlibcRandom();
        var lib = StandardLibraries.Register(state, "math",
            ("ldexp", call =>
            {
                int e = call.CheckInt(2); // lmathlib's C arguments are evaluated right to left (gcc): #2 is checked first
                return call.Return(Math.ScaleB(call.CheckNumber(1), e)); // C's ldexp: inf and 0 stay as they are whatever e is
            }),
            ("modf", Modf), ("frexp", Frexp), ("min", Min), ("max", Max),
            ("random", call => Random(call, random)),
            ("randomseed", call => { random.Seed(unchecked((uint)call.CheckInt(1))); return 0; }));
        foreach (var (name, f) in OneNumber)
        {
            var function = state.CreateFunction(name, call => call.Return(f(call.CheckNumber(1))));
            function.Fast = (stack, func, n) =>
            {
                if (n != 1 || !stack[func + 1].IsNumber) return -1;
                stack[func] = f(stack[func + 1].Num);
                return 1;
            };
            lib.Set(name, function);
        }
        foreach (var (name, f) in TwoNumbers)
        {
            // lua5.1's C code passes luaL_checknumber(L, 1) and (L, 2) as arguments, which gcc
            // evaluates right to left: with two bad arguments, the error names #2
            var function = state.CreateFunction(name, call =>
            {
                double y = call.CheckNumber(2);
                return call.Return(f(call.CheckNumber(1), y));
            });
            function.Fast = OfTwoNumbers(f);
            lib.Set(name, function);
        }
        // min and max take any number of arguments; with two numbers they are these
        ((NativeFunction)lib.Get("min").Obj!).Fast = OfTwoNumbers(static (a, b) => b < a ? b : a);
        ((NativeFunction)lib.Get("max").Obj!).Fast = OfTwoNumbers(static (a, b) => b > a ? b : a);
        lib.Set("pi", Math.PI);
        lib.Set("huge", double.PositiveInfinity);
        lib.Set("mod", lib.Get("fmod"));
    }

    // glibc's log of a negative number is the NaN with the sign bit set ("-nan"; its log10 gives "nan")
    private static readonly double NegativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000));

    /// <summary>A function of two numbers as a <see cref="FastCall"/>.</summary>
    private static FastCall OfTwoNumbers(Func<double, double, double> f) => (stack, func, n) =>
    {
        if (n != 2 || !stack[func + 1].IsNumber || !stack[func + 2].IsNumber) return -1;
        stack[func] = f(stack[func + 1].Num, stack[func + 2].Num);
        return 1;
    };

    /// <summary>The functions of one number (compiled code calls them directly, <see cref="NativeFunction.Fast"/>).</summary>
    private static readonly (string Name, Func<double, double> Function)[] OneNumber =
    [
        ("abs", Math.Abs), ("ceil", Math.Ceiling), ("floor", Math.Floor), ("sqrt", Math.Sqrt),
        ("sin", Math.Sin), ("cos", Math.Cos), ("tan", Math.Tan), ("asin", Math.Asin),
        ("acos", Math.Acos), ("atan", Math.Atan), ("exp", Math.Exp), ("log10", Math.Log10),
        ("sinh", Math.Sinh), ("cosh", Math.Cosh), ("tanh", Math.Tanh),
        ("log", x => x < 0 ? NegativeNaN : Math.Log(x)), ("deg", x => x * (180.0 / Math.PI)), ("rad", x => x * (Math.PI / 180.0)),
    ];

    /// <summary>The functions of two numbers.</summary>
    private static readonly (string Name, Func<double, double, double> Function)[] TwoNumbers =
    [
        ("atan2", Math.Atan2), ("pow", Math.Pow), ("fmod", (a, b) => a % b),
    ];

    private static int Modf(CallContext call)
    {
        double x = call.CheckNumber(1);
        double ip = double.IsInfinity(x) ? x : Math.Truncate(x);
        // C's modf keeps the sign on a zero fraction: modf(-1) is -1, -0
        double frac = double.CopySign(double.IsInfinity(x) ? 0 : x - ip, x);
        return call.Return(ip, frac);
    }

    private static int Frexp(CallContext call)
    {
        double x = call.CheckNumber(1);
        if (x == 0 || double.IsNaN(x) || double.IsInfinity(x)) return call.Return(x, 0);
        int e = (int)Math.Floor(Math.Log2(Math.Abs(x))) + 1;
        double m = Math.ScaleB(x, -e); // exact, where x / 2^1024 would divide by infinity
        if (Math.Abs(m) >= 1) { m /= 2; e++; }
        if (Math.Abs(m) < 0.5) { m *= 2; e--; }
        return call.Return(m, e);
    }

    private static int Min(CallContext call)
    {
        double m = call.CheckNumber(1);
        for (int i = 2; i <= call.ArgCount; i++)
        {
            double v = call.CheckNumber(i);
            if (v < m) m = v;
        }
        return call.Return(m);
    }

    private static int Max(CallContext call)
    {
        double m = call.CheckNumber(1);
        for (int i = 2; i <= call.ArgCount; i++)
        {
            double v = call.CheckNumber(i);
            if (v > m) m = v;
        }
        return call.Return(m);
    }

    /// <summary>lmathlib's math_random: glibc's rand() scaled as lua5.1 scales it, with its C int bounds.</summary>
    private static int Random(CallContext call, GlibcRandom random)
    {
        double r = (double)(random.Next() % GlibcRandom.RandMax) / GlibcRandom.RandMax;
        switch (call.ArgCount)
        {
            case 0:
                return call.Return(r);
            case 1:
            {
                long u = call.CheckInt(1); // lmathlib's int bounds
                if (u < 1) throw call.ArgError(1, "interval is empty");
                return call.Return(Math.Floor(r * u) + 1);
            }
            case 2:
            {
                long l = call.CheckInt(1), u = call.CheckInt(2);
                if (l > u) throw call.ArgError(2, "interval is empty");
                return call.Return(Math.Floor(r * unchecked((int)(u - l + 1))) + l); // u-l+1 in C int arithmetic
            }
            default:
                throw call.Error("wrong number of arguments");
        }
    }
}
