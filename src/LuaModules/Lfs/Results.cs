using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>The two ways lfs reports the outcome of a system call: true, or nil, message, errno.</summary>
internal static class Results
{
    /// <summary>nil, strerror(errno), errno.</summary>
    public static int Failure(CallContext call, int errno) =>
        call.Return(LuaValue.Nil, ErrorText.Of(errno), errno);

    /// <summary>nil, "info: strerror(errno)", errno.</summary>
    public static int Failure(CallContext call, ReadOnlySpan<byte> info, int errno) =>
        call.Return(LuaValue.Nil, CString.Concat(info, ": "u8, ErrorText.Of(errno).Span), errno);

    /// <summary>true when the call returned 0, else the failure with the errno it set.</summary>
    public static int TrueOrFailure(CallContext call, int result) =>
        result == -1 ? Failure(call, ErrorText.LastErrno()) : call.Return(LuaValue.True);
}
