using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm;

// Limits for untrusted code: an instruction budget and a memory budget (docs/vm.md, "Limits").
public sealed partial class LuaState
{
    private long _instructionLimit;

    /// <summary>Instructions left before the budget of <see cref="InstructionLimit"/> is spent.</summary>
    private long _instructionsLeft;

    /// <summary>Counts <paramref name="count"/> instructions against the budget; false once it is spent.</summary>
    internal bool SpendInstructions(long count)
    {
        if (_instructionLimit == 0) return true;
        _instructionsLeft -= count;
        return _instructionsLeft >= 0;
    }

    /// <summary>
    /// An instruction budget: after this many VM instructions (counted on every thread, the
    /// pattern matcher's steps included) each further instruction raises the Lua error
    /// "instruction budget exceeded". A pcall may catch it, but the next instruction raises it
    /// again, so the script ends. Unlike a count hook set with debug.sethook, the script cannot
    /// remove it. 0 (the default) means no budget; setting the property starts a new budget. Set
    /// it before running the code: coroutines created afterwards are counted too.
    /// </summary>
    public long InstructionLimit
    {
        get => _instructionLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _instructionLimit = value;
            _instructionsLeft = value;
            foreach (var thread in BudgetedThreads())
            {
                if (value > 0) thread.HookMask |= HookMask.Budget;
                else thread.HookMask &= ~HookMask.Budget;
            }
        }
    }

    private IEnumerable<LuaThread> BudgetedThreads()
    {
        yield return MainThread;
        if (!ReferenceEquals(CurrentThread, MainThread)) yield return CurrentThread;
    }

    private volatile string? _interruptMessage;

    /// <summary>The message of a pending <see cref="Interrupt"/>, or null.</summary>
    internal string? InterruptMessage => _interruptMessage;

    /// <summary>
    /// Stops the Lua code running on this state; safe to call from any thread (a watchdog, a
    /// signal handler). At its next instruction, or the next step of long native work (a pattern
    /// match, table.concat), the running coroutine raises the Lua error <paramref name="message"/>
    /// with the current position. A pcall may catch it, but every later instruction raises it
    /// again, so the code ends whatever it catches; the error reaches the host as a
    /// <see cref="LuaException"/> from the call or resume that was running. The interrupt stays
    /// until <see cref="ClearInterrupt"/>: Lua code started before that fails at once.
    /// </summary>
    public void Interrupt(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _interruptMessage = message;
        Interlocked.MemoryBarrier(); // the message is visible before the flag that makes the VM look at it
        // A read-modify-write racing with the Lua thread's own changes of the mask (debug.sethook)
        // may lose the flag: a caller that must be sure calls again later, as kraken's watchdog does.
        CurrentThread.HookMask |= HookMask.Interrupt;
    }

    /// <summary>Ends an <see cref="Interrupt"/>: Lua code runs normally again.</summary>
    public void ClearInterrupt() => _interruptMessage = null;

    /// <summary>
    /// A memory budget in bytes for this state alone, as collectgarbage("count") counts it: what
    /// the state's Lua objects held at the last measurement (an estimate from a walk of everything
    /// the state reaches) plus every byte its Lua code has allocated since (exact: .NET's
    /// per-thread allocation counter while the state runs). Other states in the process and the
    /// host's own objects do not count. Once the count passes the budget, the running code
    /// measures what is live at its next backward jump or call and raises the Lua error "not
    /// enough memory" if that is over, as lua5.1 raises it when its allocator fails: a script
    /// fails within about a sixteenth of the budget past it, and a string or table part that would
    /// not fit fails before it is made. A pcall may catch the error. 0 (the default) means no
    /// budget. See docs/embedding.md, "Limits for untrusted code".
    /// </summary>
    public long MemoryLimit
    {
        get => Gc.Limit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Gc.SetLimit(this, value);
        }
    }
}
