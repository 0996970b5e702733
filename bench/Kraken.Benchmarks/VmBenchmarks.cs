using BenchmarkDotNet.Attributes;
using LuaVm;
using LuaVm.Runtime;

namespace Kraken.Benchmarks;

/// <summary>Hot VM paths, each a Lua loop of 100,000 iterations called from C#.</summary>
[MemoryDiagnoser]
public class VmBenchmarks
{
    private LuaState _state = null!;
    private LuaValue _tableGetSet, _calls, _stringKeys, _methodCalls;

    [GlobalSetup]
    public void Setup()
    {
        _state = new LuaState();
        _tableGetSet = Function("local t = {} for i = 1, 100000 do t[i] = i end local s = 0 for i = 1, 100000 do s = s + t[i] end return s");
        _calls = Function("local function f(a, b) return a + b end local s = 0 for i = 1, 100000 do s = f(s, i) end return s");
        _stringKeys = Function("local t = {alpha = 1, beta = 2, gamma = 3} local s = 0 for i = 1, 100000 do s = s + t.alpha + t.gamma; t.beta = i end return s");
        _methodCalls = Function("local C = {} C.__index = C function C:get() return self.v end local o = setmetatable({v = 1}, C) local s = 0 for i = 1, 100000 do s = s + o:get() end return s");
    }

    private LuaValue Function(string code) => new(_state.Load(System.Text.Encoding.UTF8.GetBytes(code), "=bench"));

    [Benchmark]
    public LuaValue TableGetSet() => _state.Call(_tableGetSet)[0];

    [Benchmark]
    public LuaValue LuaCalls() => _state.Call(_calls)[0];

    [Benchmark]
    public LuaValue StringKeyFields() => _state.Call(_stringKeys)[0];

    [Benchmark]
    public LuaValue MethodCalls() => _state.Call(_methodCalls)[0];
}
