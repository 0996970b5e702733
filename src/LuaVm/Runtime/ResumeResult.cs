namespace LuaVm.Runtime;

/// <summary>How a resume ended.</summary>
public enum ResumeOutcome
{
    /// <summary>The coroutine yielded (coroutine.yield, or a native function's <see cref="CallContext.Yield(int)"/>).</summary>
    Yielded,
    /// <summary>The coroutine's function returned: it is now dead.</summary>
    Returned,
    /// <summary>The coroutine raised an error: it is now dead.</summary>
    Failed,
}

/// <summary>The result of <see cref="LuaState.Resume"/>: the outcome and the values passed out.</summary>
public readonly record struct ResumeResult(ResumeOutcome Outcome, LuaValue[] Values, LuaException? Error);
