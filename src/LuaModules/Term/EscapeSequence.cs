using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Term;

/// <summary>
/// lua-term's terminal functions (term.clear, term.cursor.jump, ...): each writes ESC "[" and a
/// format filled with its arguments to a file, io.stdout unless the first argument is an open
/// file (io.type says "file"). Like lua-term's maketermfunc, it takes io.type, io.stdout and
/// string.format as they are when the module loads, and writes with the handle's own write method.
/// </summary>
internal sealed class EscapeSequence
{
    private readonly LuaValue _format, _ioType, _stdout, _stringFormat;

    private EscapeSequence(LuaValue format, LuaValue ioType, LuaValue stdout, LuaValue stringFormat)
    {
        _format = format;
        _ioType = ioType;
        _stdout = stdout;
        _stringFormat = stringFormat;
    }

    /// <summary>The function writing ESC "[" .. <paramref name="format"/>, with the io and string functions of now.</summary>
    public static NativeFunction Create(CallContext call, string name, LuaValue format)
    {
        var io = LuaOperations.Global(call, "io");
        var sequence = new EscapeSequence(
            LuaOperations.Concat(call, "\u001b[", format),
            LuaOperations.Index(call, io, "type"),
            LuaOperations.Index(call, io, "stdout"),
            LuaOperations.Index(call, LuaOperations.Global(call, "string"), "format"));
        return call.State.CreateFunction(name, sequence.Write);
    }

    /// <summary>maketermfunc itself, for a term/cursor.lua on package.path that builds its functions with it while term loads.</summary>
    public static int MakeTermFunc(CallContext call) => call.Return(Create(call, "?", call[1]));

    private int Write(CallContext call)
    {
        bool isFile = LuaOperations.CallFirst(call, _ioType, call[1]).AsString is { } type && type.ToLatin1String() == "file";
        var handle = isFile ? call[1] : _stdout;
        int first = isFile ? 2 : 1;
        var formatArgs = new LuaValue[1 + Math.Max(0, call.ArgCount - first + 1)];
        formatArgs[0] = _format;
        for (int i = first; i <= call.ArgCount; i++) formatArgs[i - first + 1] = call[i];
        var text = LuaOperations.CallFirst(call, _stringFormat, formatArgs);
        var write = LuaOperations.Index(call, handle, "write");
        var results = call.State.Call(write, handle, text);
        foreach (var r in results) call.Push(r);
        return results.Length;
    }
}
