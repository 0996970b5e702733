using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>
/// The state of one match that captures live in: the subject, the capture list the machine
/// appends to (and cuts back on backtracking), the values match-time captures produced (cut back
/// with them, so a failed alternative keeps nothing alive), and the extra arguments of lpeg.match.
/// </summary>
internal sealed class CaptureContext
{
    /// <summary>How many values one match-time capture may produce.</summary>
    public const int MaxRuntimeValues = 8000;

    public readonly byte[] Subject;
    public readonly LuaString SubjectString;
    public readonly LuaThread Thread;
    public readonly LuaValue[] ExtraArgs;
    public CaptureEntry[] Captures;
    public int CaptureTop;
    public int CaptureCount;
    public LuaValue[] Dynamic = [];
    public int DynamicCount;

    public CaptureContext(LuaString subject, LuaThread thread, LuaValue[] extraArgs, CaptureEntry[]? captures = null)
    {
        Captures = captures ?? new CaptureEntry[16];
        SubjectString = subject;
        Subject = subject.Bytes;
        Thread = thread;
        ExtraArgs = extraArgs;
    }

    /// <summary>The most entries the capture list may hold (about 1.3 GB): beyond, "too many captures".</summary>
    public const int MaxCaptures = 1 << 26;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per capture in the machine's loop
    public void Add(in CaptureEntry e)
    {
        if (CaptureTop == Captures.Length) GrowCaptures();
        Captures[CaptureTop++] = e;
    }

    private void GrowCaptures()
    {
        if (Captures.Length >= MaxCaptures) throw new LpegException("too many captures");
        Array.Resize(ref Captures, Math.Min(Captures.Length * 2, MaxCaptures));
    }

    public void TruncateDynamic(int n)
    {
        if (n >= DynamicCount) return;
        Array.Clear(Dynamic, n, DynamicCount - n);
        DynamicCount = n;
    }

    /// <summary>
    /// Closes a match-time capture at <paramref name="pos"/>: evaluates its nested captures, calls
    /// its function with the subject, the position and their values, and applies what it returns.
    /// Returns the new position, or -1 when the function makes the match fail.
    /// </summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    public int RunTime(Instruction[] code, in LuaValue function, int pos)
    {
        int top = CaptureTop;
        int open = top - 1;
        for (int depth = 0; open >= 0; open--)
        {
            ref var c = ref Captures[open];
            if (c.Kind == CapKind.Close) depth++;
            else if (c.Len < 0)
            {
                if (depth == 0) break;
                depth--;
            }
        }
        int start = Captures[open].Pos;
        var ev = new CaptureEvaluator(this, code);
        ev.Values.Add(SubjectString);
        ev.Values.Add(pos + 1);
        int n = 0;
        for (int i = open + 1; i < top;) n += ev.Push(ref i);
        if (n == 0) ev.Values.Add(LuaString.FromBytes(Subject.AsSpan(start, pos - start)));
        int firstDynamic = DynamicCount;
        for (int i = open + 1; i < top; i++)
            if (Captures[i].Kind == CapKind.Runtime && Captures[i].Pc < firstDynamic) firstDynamic = Captures[i].Pc;
        int results = ev.CallInto(function, 0, ev.Values.Count);
        CaptureTop = open;
        TruncateDynamic(firstDynamic);
        if (results == 0) return -1;
        var first = ev.Values[0];
        int newPos;
        if (first.IsFalsy) return -1;
        if (first.IsBoolean) newPos = pos;
        else
        {
            double d = first.TryToNumber(out var num) ? num : 0;
            double p = Math.Truncate(d) - 1;
            if (double.IsNaN(p) || p < pos || p > Subject.Length)
                throw new LpegException("invalid position returned by match-time capture");
            newPos = (int)p;
        }
        int extra = results - 1;
        if (extra > 0)
        {
            if (extra > MaxRuntimeValues) throw new LpegException("too many results in match-time capture");
            int at = DynamicCount;
            if (at + extra > Dynamic.Length) Array.Resize(ref Dynamic, Math.Max(Math.Max(Dynamic.Length * 2, 4), at + extra));
            for (int k = 0; k < extra; k++) Dynamic[at + k] = ev.Values[1 + k];
            DynamicCount = at + extra;
            Add(new CaptureEntry { Kind = CapKind.Runtime, Pos = start, Len = newPos - start, Pc = at, Count = extra });
        }
        return newPos;
    }
}
