using BenchmarkDotNet.Attributes;
using LuaVm;
using LuaVm.Runtime;

namespace Kraken.Benchmarks;

/// <summary>
/// The .NET boundary, per call, against NLua 1.6 (native Lua 5.4 through KeraLua) in the same
/// run: (1) a C# method called from a Lua loop through an exposed object (<c>acc:Add(i)</c>;
/// RegisterType in LuaVm, NLua's automatic object exposure), (2) a Lua function called from C#
/// (LuaVm's <c>Call</c> with LuaValue arguments and its typed delegate, NLua's LuaFunction.Call).
///   dotnet run -c Release --project bench/Kraken.Benchmarks -- --filter '*InteropBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class InteropBenchmarks
{
    private const int Calls = 10_000;

    /// <summary>The object whose method Lua calls.</summary>
    public sealed class Accumulator
    {
        public double Total;

        public void Add(double x) => Total += x;
    }

    /// <summary>The same with methods only: its userdata's __index is a table (see TypeBinding).</summary>
    public sealed class MethodsOnly
    {
        private double _total;

        public void Add(double x) => _total += x;
    }

    private LuaState _kraken = null!;
    private LuaValue _krakenLoop, _krakenLoopMethodsOnly, _krakenAdd;
    private Func<double, double, double> _krakenAddDelegate = null!;
    private NLua.Lua _nlua = null!;
    private NLua.LuaFunction _nluaLoop = null!, _nluaAdd = null!;

    [GlobalSetup]
    public void Setup()
    {
        _kraken = new LuaState();
        _kraken.RegisterType<Accumulator>();
        _kraken.SetGlobal("acc", new Accumulator());
        _kraken.RegisterType<MethodsOnly>();
        _kraken.SetGlobal("mo", new MethodsOnly());
        _kraken.DoString("function loop(n) for i = 1, n do acc:Add(i) end end function add(a, b) return a + b end");
        _kraken.DoString("function loop2(n) for i = 1, n do mo:Add(i) end end");
        _krakenLoop = _kraken.GetGlobal("loop");
        _krakenLoopMethodsOnly = _kraken.GetGlobal("loop2");
        _krakenAdd = _kraken.GetGlobal("add");
        _krakenAddDelegate = _kraken.CreateDelegate<Func<double, double, double>>(_krakenAdd);

        _nlua = new NLua.Lua();
        _nlua["acc"] = new Accumulator();
        _nlua.DoString("function loop(n) for i = 1, n do acc:Add(i) end end function add(a, b) return a + b end");
        _nluaLoop = (NLua.LuaFunction)_nlua["loop"];
        _nluaAdd = (NLua.LuaFunction)_nlua["add"];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nlua.Dispose();
        _kraken.Close();
    }

    /// <summary>(1) LuaVm: one obj:Add(i) from Lua, through RegisterType.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void MethodFromLua_Kraken() => _kraken.Call(_krakenLoop, Calls);

    /// <summary>(1) LuaVm: the same on a type with methods only.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void MethodFromLua_KrakenMethodsOnly() => _kraken.Call(_krakenLoopMethodsOnly, Calls);

    /// <summary>(1) NLua: one obj:Add(i) from Lua.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void MethodFromLua_NLua() => _nluaLoop.Call(Calls);

    /// <summary>(2) LuaVm: one call of a Lua function from C# with LuaState.Call (LuaValue arguments, results array).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public double LuaFunctionFromCSharp_Kraken()
    {
        double s = 0;
        for (int i = 0; i < Calls; i++) s += _kraken.Call(_krakenAdd, i, 1.0)[0].Num;
        return s;
    }

    /// <summary>(2) LuaVm: the same through a typed delegate (CreateDelegate).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public double LuaFunctionFromCSharp_KrakenDelegate()
    {
        double s = 0;
        for (int i = 0; i < Calls; i++) s += _krakenAddDelegate(i, 1);
        return s;
    }

    /// <summary>(2) NLua: one call of a Lua function from C# with LuaFunction.Call.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public double LuaFunctionFromCSharp_NLua()
    {
        double s = 0;
        for (int i = 0; i < Calls; i++) s += (double)_nluaAdd.Call((double)i, 1.0)[0];
        return s;
    }
}
