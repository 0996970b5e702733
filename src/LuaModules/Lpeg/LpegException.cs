namespace LuaModules.Lpeg;

/// <summary>
/// An error LPeg raises with luaL_error, thrown from deep in the tree walkers, the compiler, the
/// machine or the capture evaluator; the module's entry points turn it into a Lua error.
/// </summary>
internal sealed class LpegException(string message) : Exception(message);
