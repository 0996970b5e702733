namespace LuaVm.Library;

/// <summary>The debug library of Lua 5.1.</summary>
public static class DebugLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        // Functions are registered here as they are implemented.
        _ = state;
    }
}
