using LuaVm.Runtime;

namespace LuaVm;

// Budgets for untrusted code: how many instructions and how much memory a state's scripts may use.
public sealed partial class LuaState
{
    /// <summary>The budgets, or null when the state has none (then the VM does not look at them).</summary>
    internal Vm.ExecutionLimits? Limits;

    private Vm.ExecutionLimits LimitsForUpdate() => Limits ??= new Vm.ExecutionLimits();

    private void DropLimitsIfUnused()
    {
        if (Limits is { InstructionBudget: < 0, MemoryBudget: < 0 }) Limits = null;
    }

    /// <summary>
    /// How many VM instructions Lua code may still execute in this state (all its coroutines
    /// together), or null for no limit (the default). Setting it starts a new count. When the
    /// budget is spent, the running instruction raises a Lua error "chunk:line: instruction
    /// budget exceeded"; pcall can catch it, but so does every further instruction, so no Lua code
    /// runs after it and the <see cref="LuaException"/> always reaches the C# caller of
    /// DoString/Call/Resume. Set the budget again to run more code in the same state. Native
    /// functions are not interrupted (a budget counts Lua instructions, not time).
    /// </summary>
    public long? InstructionBudget
    {
        get => Limits is { InstructionBudget: >= 0 } l ? Math.Max(0, l.InstructionBudget - l.Executed) : null;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value ?? 0, nameof(value));
            var limits = LimitsForUpdate();
            limits.InstructionBudget = value ?? -1;
            limits.Executed = 0;
            DropLimitsIfUnused();
        }
    }

    /// <summary>True when the instruction budget is spent (the last error was "instruction budget exceeded").</summary>
    public bool InstructionBudgetExceeded => Limits is { InstructionBudget: >= 0 } l && l.Executed > l.InstructionBudget;

    /// <summary>
    /// How many bytes the .NET heap may grow above its size when the budget was set, or null for
    /// no limit (the default). Checked every thousand instructions (after a forced collection
    /// when the heap looks too big), and up front for big strings (string.rep, concatenation,
    /// table.concat): past the budget, Lua code gets lua5.1's error "not enough memory", which
    /// pcall catches as in lua5.1. The state stays usable: once the data is unreachable, code
    /// runs again. The heap is the process's: with several busy states in one process the
    /// budget bounds them together, so give each untrusted script its own process for exact
    /// accounting, and use this as the safety net that keeps the process alive.
    /// </summary>
    public long? MemoryBudget
    {
        get => Limits is { MemoryBudget: >= 0 } l ? l.MemoryBudget : null;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value ?? 0, nameof(value));
            var limits = LimitsForUpdate();
            if (value is { } bytes) limits.SetMemoryBudget(bytes);
            else limits.MemoryBudget = -1;
            DropLimitsIfUnused();
        }
    }

    /// <summary>Raises "not enough memory" when allocating <paramref name="bytes"/> more would exceed <see cref="MemoryBudget"/>.</summary>
    internal void RefuseAllocation(long bytes) => Limits?.RefuseAllocation(bytes);
}
