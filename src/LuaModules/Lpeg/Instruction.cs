using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>The instructions of the parsing machine (Medeiros and Ierusalimschy, "A Parsing Machine for PEGs").</summary>
internal enum Op : byte
{
    Any,            // consume N bytes or fail
    Char,           // consume byte Ch or fail
    Str,            // consume the bytes of Bytes or fail
    Set,            // consume a byte of Set or fail
    Span,           // consume bytes while they are in Set
    TestAny,        // unless N bytes remain, jump to Target (consumes nothing)
    TestChar,       // unless the next byte is Ch, jump to Target
    TestSet,        // unless the next byte is in Set, jump to Target
    Behind,         // move N bytes back, or fail
    Ret,            // return from a rule
    End,            // the match succeeded
    Choice,         // push a backtrack entry to Target
    Jmp,            // go to Target
    Call,           // push a return address, go to Target
    Commit,         // pop the top entry, go to Target
    PartialCommit,  // update the top entry to the current state, go to Target
    BackCommit,     // pop the top entry restoring its position and captures, go to Target
    FailTwice,      // pop the top entry, then fail
    Fail,           // backtrack
    OpenCapture,    // open a capture of Kind
    CloseCapture,   // close the innermost open capture
    FullCapture,    // a capture of Kind over the last N bytes
    CloseRunTime,   // close a match-time capture: evaluate it and call its function
}

/// <summary>One instruction; its capture value (a function, a table, a constant...) is held inline.</summary>
internal struct Instruction
{
    public Op Op;
    public CapKind Kind;
    public byte Ch;
    public int N;
    public int Target;
    public Charset? Set;
    public byte[]? Bytes;
    public LuaValue Value;
}

/// <summary>A compiled pattern.</summary>
internal sealed class Program(Instruction[] code)
{
    public readonly Instruction[] Code = code;
}
