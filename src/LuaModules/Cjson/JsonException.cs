namespace LuaModules.Cjson;

/// <summary>
/// An encoding or decoding error with lua-cjson's message. The module's functions turn it into
/// a Lua error (cjson) or into the results nil, message (cjson.safe); it never leaves the module.
/// </summary>
internal sealed class JsonException(string message) : Exception(message);
