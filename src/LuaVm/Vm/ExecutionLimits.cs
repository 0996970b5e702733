using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// The instruction and memory budgets of a state (<see cref="LuaState.InstructionBudget"/>,
/// <see cref="LuaState.MemoryBudget"/>). While a state has limits, every thread it runs has
/// <see cref="HookMask.Budget"/> set, so the loop calls <see cref="Hooks.BeforeInstruction"/>
/// before each instruction, which charges it here: the same path as debug.sethook's count hook,
/// and nothing at all for states without limits.
/// </summary>
internal sealed class ExecutionLimits
{
    /// <summary>Instructions allowed, or -1 for no limit.</summary>
    public long InstructionBudget = -1;

    /// <summary>Instructions executed since the budget was set.</summary>
    public long Executed;

    /// <summary>Bytes of .NET heap allowed above <see cref="_baseline"/>, or -1 for no limit.</summary>
    public long MemoryBudget = -1;

    private long _baseline;
    private int _untilMemoryCheck;

    /// <summary>
    /// Instructions between two memory checks: reading the heap size costs far more than an
    /// instruction, and one instruction cannot allocate much (the big ones are refused up front
    /// through <see cref="RefuseAllocation"/>).
    /// </summary>
    private const int MemoryCheckInterval = 1000;

    /// <summary>The message of lua5.1's LUA_ERRMEM, without position, as lua5.1 gives it.</summary>
    public const string NotEnoughMemory = "not enough memory";

    /// <summary>The message (after the position) when the instruction budget is spent.</summary>
    public const string BudgetExceeded = "instruction budget exceeded";

    /// <summary>Sets the memory budget, measured from the live heap now (after a full collection).</summary>
    public void SetMemoryBudget(long bytes)
    {
        MemoryBudget = bytes;
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _untilMemoryCheck = MemoryCheckInterval;
    }

    /// <summary>Bytes of the heap above the baseline; with <paramref name="collect"/>, live bytes only.</summary>
    public long Used(bool collect) => GC.GetTotalMemory(collect) - _baseline;

    /// <summary>
    /// Charges one instruction. Once the instruction budget is spent, every further instruction
    /// raises again: pcall may catch the error, but the code after it cannot run, so the error
    /// always reaches the host. The memory check raises an ordinary, catchable "not enough
    /// memory" (lua5.1's pcall catches that too), and only when the live heap, after a forced
    /// collection, is still above the budget.
    /// </summary>
    public void BeforeInstruction(LuaThread t)
    {
        if (++Executed > InstructionBudget && InstructionBudget >= 0) throw Errors.RuntimeError(t, BudgetExceeded);
        if (MemoryBudget < 0 || --_untilMemoryCheck > 0) return;
        _untilMemoryCheck = MemoryCheckInterval;
        if (Used(collect: false) > MemoryBudget && Used(collect: true) > MemoryBudget) throw new LuaException(NotEnoughMemory);
    }

    /// <summary>Refuses an allocation of <paramref name="bytes"/> that would take the heap above the budget.</summary>
    public void RefuseAllocation(long bytes)
    {
        if (MemoryBudget < 0 || bytes <= MemoryBudget - Used(collect: false)) return;
        if (bytes > MemoryBudget - Used(collect: true)) throw new LuaException(NotEnoughMemory);
    }
}
