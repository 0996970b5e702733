using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// The overloads of one name (a method group, the constructors, an operator), chosen per call
/// by the Lua arguments: each overload scores how well the arguments fit its parameters
/// (<see cref="Overload.Score"/>: the natural Lua type of a parameter beats a loose conversion,
/// a missing argument fits an optional or nullable parameter, extra arguments rule an overload
/// out), and the best wins; on a tie the one with fewer parameters. A single overload is called without scoring.
/// </summary>
internal sealed class OverloadSet
{
    private readonly Overload[] _overloads;
    private readonly string _name;

    /// <param name="overloads">The candidates.</param>
    /// <param name="name">For messages: "Point.Add".</param>
    /// <param name="alwaysResolve">
    /// Score even a lone overload, so that arguments it cannot take give "no overload of ...
    /// takes (...)" rather than an argument error (operators: their argument numbers mean little).
    /// </param>
    public OverloadSet(Overload[] overloads, string name, bool alwaysResolve = false)
    {
        // Fewer parameters first (a stable sort: then in declaration order): among equal scores
        // the simplest overload wins.
        _overloads = overloads.OrderBy(o => o.Parameters.Length).ToArray();
        _name = name;
        Invoke = overloads.Length == 1 && !alwaysResolve ? overloads[0].Invoke : InvokeBest;
    }

    /// <summary>The call, as a native function body.</summary>
    public LuaNativeFunction Invoke { get; }

    /// <summary>True when some overload accepts these arguments.</summary>
    public bool Accepts(in CallContext call)
    {
        foreach (var o in _overloads)
            if (o.Score(call, _overloads.Length == 1) > 0) return true;
        return false;
    }

    private int InvokeBest(CallContext call)
    {
        Overload? best = null;
        int bestScore = 0;
        foreach (var o in _overloads)
        {
            int s = o.Score(call, _overloads.Length == 1);
            if (s > bestScore)
            {
                best = o;
                bestScore = s;
            }
        }
        if (best is null) throw call.Error($"no overload of {_name} takes ({DescribeArguments(call, _overloads[0].FirstArg)})");
        return best.Invoke(call);
    }

    private static string DescribeArguments(in CallContext call, int first)
    {
        var types = new List<string>();
        for (int n = first; n <= call.ArgCount; n++) types.Add(call[n].TypeName());
        return string.Join(", ", types);
    }
}
