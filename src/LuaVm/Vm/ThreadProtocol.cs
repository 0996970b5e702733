using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// The interpreter's per-thread protocol state: what one part of the VM leaves for another on a
/// thread (<see cref="LuaThread"/>'s <c>Protocol</c> field) because the hand-over crosses a return
/// to <see cref="Interpreter.Execute"/>, a switch of threads or compiled code. Each state is
/// changed only through the transitions named here; docs/vm.md ("The per-thread protocol")
/// describes the same.
/// <list type="bullet">
/// <item><b>Keep Top.</b> Run sets Top to the frame's top when it (re)enters a frame, except when
/// the frame has just received the results of a call that wanted all of them: Top then marks
/// their end for the next instruction (a CALL, RETURN or SETLIST with B = 0). Whoever completes
/// such a call outside Run's own CALL (a return into a pcall marker, a resume, a collection, a
/// pending exit) says so with <see cref="KeepTopForNextEntry"/>; Run's entry takes it
/// (<see cref="TakeKeepTop"/>).</item>
/// <item><b>Metamethod slow path.</b> Around an opcode's slow path the loop calls
/// <see cref="BeginMetaSlowPath"/>: the first Lua metamethod that CallMeta then meets is not
/// called but pushed as a frame of the loop (<see cref="TakeMetaFrameAllowed"/>,
/// <see cref="NoteMetaFramePushed"/>), so that it can yield; <see cref="EndMetaSlowPath"/> closes
/// the window and says whether the opcode completed; when it did not, the loop re-enters at the
/// pushed frame (<see cref="TakeMetaFramePushed"/>) and finishes the opcode when it returns.
/// A native's call into Lua never runs as such a frame: CallMeta takes the permission away
/// before anything nested runs. An error abandons the window (<see cref="AbandonMetaSlowPath"/>,
/// from Recover).</item>
/// <item><b>Pending exit.</b> Compiled code run outside Run (a coroutine resumed by compiled code,
/// a direct call undone in a coroutine) may return an exit it cannot act on: it is left here
/// (<see cref="LeavePending"/>, <see cref="LeavePendingError"/>) and Run's next entry on this
/// thread acts on it as if it had called that code (<see cref="TakePendingExit"/>).</item>
/// <item><b>Suspended native.</b> A native that yields (<see cref="SuspendInNative"/>) stays on
/// the frames; the next resume makes the resume's values its results
/// (<see cref="TakeSuspendedInNative"/>). collectgarbage suspends the same way so that the
/// loop's <see cref="Interpreter.Execute"/> runs the collection with no loop on the .NET stack
/// (<see cref="SuspendForCollection"/>, <see cref="TakeCollectionSuspension"/>).</item>
/// <item><b>Collection request.</b> <see cref="PendingCollect"/>: set by the collector (from any
/// .NET thread), seen by the loop at its next call or backward jump, cleared by Execute when it
/// runs the collection.</item>
/// <item><b>Counts</b> that the "C stack" limit, yields and direct calls depend on:
/// <see cref="NestedExecutions"/>, <see cref="DirectCalls"/>, <see cref="MetaFrameCount"/>,
/// <see cref="ProtectedCount"/>; and the link of a coroutine resumed inside a loop to its resumer
/// (<see cref="InLoopResumer"/>, <see cref="ResumerMarkersBefore"/>).</item>
/// </list>
/// </summary>
internal struct ThreadProtocol
{
    // ---- keep Top ----

    private bool _keepTop;

    /// <summary>
    /// Says whether the next entry of the loop into this thread's top frame keeps Top (true: it
    /// marks the end of the results of a call that wanted all of them). Set by whoever completed
    /// that call outside Run's CALL: RETURN into a pcall marker, Unwind, a resume (Coroutines), a
    /// collection, the calls of compiled code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void KeepTopForNextEntry(bool keep) => _keepTop = keep;

    /// <summary>Run's entry (and a resume from compiled code): whether to keep Top; clears it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TakeKeepTop()
    {
        bool keep = _keepTop;
        _keepTop = false;
        return keep;
    }

    /// <summary>Whether the next entry keeps Top (read without taking it).</summary>
    public readonly bool KeepsTop => _keepTop;

    // ---- metamethod slow paths ----

    private bool _metaFrameAllowed, _metaFramePushed, _metaNegate;

    /// <summary>An opcode's slow path starts: the first Lua metamethod it reaches may run as a frame of the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeginMetaSlowPath() => _metaFrameAllowed = true;

    /// <summary>The slow path is over; true when the opcode completed (no metamethod frame was pushed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool EndMetaSlowPath()
    {
        _metaFrameAllowed = false;
        return !_metaFramePushed;
    }

    /// <summary>Run, after a slow path: whether a metamethod frame was pushed, which the loop then enters (clears it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TakeMetaFramePushed()
    {
        if (!_metaFramePushed) return false;
        _metaFramePushed = false;
        return true;
    }

    /// <summary>
    /// CallMeta: whether the metamethod it is about to call may be pushed as a frame; the
    /// permission is used up either way (only the first metamethod an opcode reaches, never one a
    /// native calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TakeMetaFrameAllowed()
    {
        bool allowed = _metaFrameAllowed;
        _metaFrameAllowed = false;
        return allowed;
    }

    /// <summary>
    /// Whether the slow path under way may still push a metamethod frame (CONCAT, which may meet
    /// several __concat, gives each the permission the opcode had: <see cref="RestoreMetaFrameAllowed"/>).
    /// </summary>
    public readonly bool MetaFrameAllowed => _metaFrameAllowed;

    /// <summary>See <see cref="MetaFrameAllowed"/>.</summary>
    public void RestoreMetaFrameAllowed(bool allowed) => _metaFrameAllowed = allowed;

    /// <summary>PushMetamethodFrame: the metamethod was pushed as a frame; the opcode completes when it returns.</summary>
    public void NoteMetaFramePushed() => _metaFramePushed = true;

    /// <summary>Whether a metamethod was pushed as a frame and the slow path must stop there (CONCAT's pairs).</summary>
    public readonly bool MetaFramePushed => _metaFramePushed;

    /// <summary>a &lt;= b done as not (b &lt; a): a __lt pushed as a frame meanwhile has its result negated when it returns.</summary>
    public void NegateMetaFrame(bool negate) => _metaNegate = negate;

    /// <summary>See <see cref="NegateMetaFrame"/>.</summary>
    public readonly bool NegatesMetaFrame => _metaNegate;

    /// <summary>An error left the slow path (Recover): nothing of it stays.</summary>
    public void AbandonMetaSlowPath() => _metaFrameAllowed = _metaFramePushed = _metaNegate = false;

    // ---- an exit of compiled code left for Run ----

    private bool _hasPendingExit, _pendingKeepTop;
    private int _pendingExit;
    private ExceptionDispatchInfo? _pendingError;

    /// <summary>
    /// Compiled code running outside Run (Interpreter.RunResumed, an undone direct call) returned
    /// <paramref name="exit"/>: Run's next entry on this thread acts on it. Top stays where that
    /// code left it, and the Keep Top it had set is kept for when the exit is taken.
    /// </summary>
    public void LeavePending(int exit)
    {
        _pendingExit = exit;
        _hasPendingExit = true;
        _pendingKeepTop = _keepTop;
        _keepTop = true;
    }

    /// <summary>That code raised <paramref name="error"/> (<see cref="CompiledExit.Raised"/>): Run raises it again.</summary>
    public void LeavePendingError(ExceptionDispatchInfo error)
    {
        _pendingError = error;
        LeavePending(CompiledExit.Raised);
    }

    /// <summary>Whether an exit is pending.</summary>
    public readonly bool HasPendingExit => _hasPendingExit;

    /// <summary>Run's entry: the pending exit (with the Keep Top its code had set); raises the pending error.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // rare, and it throws: not in Run's code
    public int TakePendingExit()
    {
        int exit = _pendingExit;
        _hasPendingExit = false;
        _keepTop = _pendingKeepTop;
        if (exit == CompiledExit.Raised)
        {
            var error = _pendingError!;
            _pendingError = null;
            error.Throw();
        }
        return exit;
    }

    // ---- a native suspended on the frames ----

    private bool _suspendedInNative, _collectInNative;

    /// <summary>Where the values of the last yield are on the thread's stack (just above Top).</summary>
    public int YieldFirst { readonly get; private set; }
    /// <summary>How many values the last yield passed.</summary>
    public int YieldCount { readonly get; private set; }

    /// <summary>A native yielded with the values at <paramref name="first"/>: it awaits the next resume's values as its results.</summary>
    public void SuspendInNative(int first, int count)
    {
        YieldFirst = first;
        YieldCount = count;
        _suspendedInNative = true;
    }

    /// <summary>A resume: whether a native awaits its values (clears it).</summary>
    public bool TakeSuspendedInNative()
    {
        bool suspended = _suspendedInNative;
        _suspendedInNative = false;
        return suspended;
    }

    /// <summary>collectgarbage suspends its frame like a yield, so that Execute runs the collection (GarbageCollector.RequestFullCollect).</summary>
    public void SuspendForCollection() => _collectInNative = true;

    /// <summary>Whether the suspension under way is collectgarbage's, not a yield.</summary>
    public readonly bool SuspendedForCollection => _collectInNative;

    /// <summary>Execute runs that collection now: the suspension ends.</summary>
    public void TakeCollectionSuspension() => _collectInNative = _suspendedInNative = false;

    // ---- the collection request ----

    /// <summary>
    /// collectgarbage or the collector asked for a full collection, to run once the loop has been
    /// left (so that values the loop's own .NET locals still hold cannot keep weak entries alive):
    /// Run returns CollectRequested at its next call or backward jump, and Execute clears this and
    /// collects. Set from any .NET thread (the collector's detector), hence volatile.
    /// </summary>
    public volatile bool PendingCollect;

    // ---- counts ----

    /// <summary>Nested interpreter invocations on this thread beyond the first (native code calling Lua): a yield there is refused.</summary>
    public int NestedExecutions;
    /// <summary>Compiled functions now running on the .NET stack by direct calls (Interpreter.CallDirect).</summary>
    public int DirectCalls;
    /// <summary>Metamethod frames on this thread (they count toward the 200 "C" levels, as in lua5.1).</summary>
    public int MetaFrameCount;
    /// <summary>pcall/xpcall markers on this thread's frames (each counts as a "C" level, as in lua5.1).</summary>
    public int ProtectedCount;

    // ---- a resume inside the loop ----

    /// <summary>
    /// Set while this coroutine runs because a CALL in an interpreter loop resumed it there (no
    /// nested loop): the thread to switch back to when it yields, returns or dies.
    /// </summary>
    public LuaThread? InLoopResumer;
    /// <summary>LuaState.ResumerMarkers before that resume, restored when the coroutine leaves.</summary>
    public int ResumerMarkersBefore;
}
