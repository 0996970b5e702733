using LuaVm.Bytecode;

namespace LuaVm.Runtime;

/// <summary>
/// Measures what one state holds: every object reachable from its registry, globals, threads and
/// type metatables, as lua5.1's mark phase would find them, each counted once with an estimate
/// of its .NET size (<see cref="ObjectSizes"/>). Weak references of weak tables do not hold, as
/// in a collection. Read-only and iterative (a pending list, no recursion), so it can run at any
/// point of the Lua thread and costs time linear in what is reachable; an object is marked with
/// the walk's number in <see cref="LuaObject.WalkMark"/>, so nothing is allocated per object.
/// Objects the host keeps only in .NET variables, and what a userdata's .NET object refers to,
/// are outside Lua's reach and not counted.
/// </summary>
internal sealed class HeapWalk
{
    // Each walk has its own number, one more than the state's previous walk; each state starts
    // at its own place in the 16-bit cycle, so that two states sharing an object rarely mistake
    // each other's marks for their own. 0 is never used: it is every new object's mark. After
    // 65,535 walks a number comes back: an object unreachable ever since that walk and reachable
    // again now would then be missed (an undercount of that one estimate, never an error).
    private static int s_start;

    private LuaObject[] _pending = new LuaObject[256];
    private int _count;
    private readonly HashSet<Proto> _protos = new(ReferenceEqualityComparer.Instance);
    private ushort _walk = (ushort)Interlocked.Add(ref s_start, 7919);
    private long _bytes;

    /// <summary>The estimated bytes <paramref name="state"/> holds.</summary>
    public long Measure(LuaState state)
    {
        if (++_walk == 0) _walk = 1;
        _bytes = 0;
        Visit(state.Registry);
        Visit(state.Globals);
        Visit(state.MainThread);
        Visit(state.CurrentThread);
        Visit(state.StringMetatable);
        foreach (var mt in state.TypeMetatables) Visit(mt);
        while (_count > 0)
        {
            var o = _pending[--_count];
            _pending[_count] = null!;
            Scan(o);
        }
        _protos.Clear();
        if (_pending.Length > 4096) _pending = new LuaObject[256]; // a big walk's list is not kept for the next one
        return _bytes;
    }

    /// <summary>Counts a value's object once (strings at once, the rest when scanned).</summary>
    public void Visit(in LuaValue v) => Visit(v.Obj);

    /// <summary>A value held weakly: only strings count (they are values, never removed from weak tables).</summary>
    public void VisitWeak(in LuaValue v)
    {
        if (v.Obj is LuaString) Visit(v.Obj);
    }

    private void Visit(LuaObject? o)
    {
        // nil, booleans and numbers are shared sentinels, not objects of the state
        if (o is null || o.Type is LuaType.Number or LuaType.Boolean || o.WalkMark == _walk) return;
        o.WalkMark = _walk;
        if (o is LuaString s)
        {
            _bytes += ObjectSizes.String(s.Bytes.Length);
            return;
        }
        if (_count == _pending.Length) Array.Resize(ref _pending, _count * 2);
        _pending[_count++] = o;
    }

    private void Scan(LuaObject o)
    {
        switch (o)
        {
            case LuaTable t:
                _bytes += t.EstimatedBytes();
                t.VisitContents(this);
                break;
            case LuaClosure c:
                _bytes += ObjectSizes.Closure(c.UpValues.Length);
                Visit(c.Env);
                foreach (var uv in c.UpValues)
                    if (uv is not null) Visit(uv.Value); // an open one's value is on a stack: visited once anyway
                ScanProto(c.Proto);
                break;
            case NativeFunction f:
                _bytes += ObjectSizes.NativeFunction;
                Visit(f.Env);
                Visit(f.WrappedCoroutine);
                break;
            case LuaUserdata u:
                _bytes += ObjectSizes.Userdata(u.Value);
                Visit(u.Metatable);
                Visit(u.Env);
                break;
            case LuaThread t:
                ScanThread(t);
                break;
            default:
                _bytes += ObjectSizes.Object; // a light userdata
                break;
        }
    }

    private void ScanThread(LuaThread t)
    {
        _bytes += ObjectSizes.Thread(t.Stack.Length, t.Frames.Length);
        // slots at and above Top are dead registers (a collection clears them)
        int top = Math.Min(t.Top, t.Stack.Length);
        for (int i = 0; i < top; i++) Visit(t.Stack[i]);
        for (int i = 0; i < t.FrameCount; i++)
        {
            ref var frame = ref t.Frames[i];
            Visit(frame.Closure);
            Visit(frame.Native);
            Visit(frame.Handler);
        }
        Visit(t.StartFunction);
        Visit(t.Env);
        Visit(t.Hook);
    }

    private void ScanProto(Proto p)
    {
        if (!_protos.Add(p)) return; // shared by every closure made from it
        _bytes += ObjectSizes.Proto(p);
        foreach (var k in p.Constants) Visit(k);
        foreach (var nested in p.Protos) ScanProto(nested);
    }
}
