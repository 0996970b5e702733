using LuaVm.Library.Io;
using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>The io library of Lua 5.1 (liolib.c): files are byte streams; errors come back as nil, message, errno.</summary>
public static class IoLibrary
{
    private const string InputKey = "io.input", OutputKey = "io.output";
    /// <summary>C's fopen does not lock files: several handles on one file must coexist.</summary>
    private const FileShare Share = FileShare.ReadWrite | FileShare.Delete;

    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        var meta = new LuaTable();
        var methods = new LuaTable();
        foreach (var (name, fn) in new (string, LuaNativeFunction)[]
        {
            ("close", FileClose), ("read", FileRead), ("write", FileWrite), ("lines", FileLines),
            ("seek", Seek), ("setvbuf", SetVBuf), ("flush", FileFlush),
        })
            methods.Set(name, state.CreateFunction(name, fn));
        meta.Set("__index", methods);
        meta.Set("__tostring", state.CreateFunction("tostring", call =>
        {
            var f = ToFile(call, 1);
            return call.Return(f.IsClosed ? "file (closed)" : $"file (0x{LuaValue.AddressOf(f):x8})");
        }));
        meta.Set("__gc", state.CreateFunction("__gc", call =>
        {
            // a file that is collected while open is closed (standard files stay open)
            var f = ToFile(call, 1);
            if (!f.IsClosed && !f.IsStandard) f.Close();
            return 0;
        }));
        state.Registry.Set("FILE*", meta);
        var lib = StandardLibraries.Register(state, "io",
            ("open", OpenFile), ("close", Close), ("read", call => Read(call, Default(call, InputKey), 1)),
            ("write", call => Write(call, Default(call, OutputKey), 1)), ("lines", Lines), ("type", Type),
            ("input", call => Redirect(call, InputKey, "r")), ("output", call => Redirect(call, OutputKey, "w")),
            ("flush", call => { Default(call, OutputKey).Stream.Flush(); return call.Return(LuaValue.True); }), ("tmpfile", TmpFile), ("popen", POpen));
        var stdin = Wrap(state, new LuaFile(state.StdIn, true));
        var stdoutFile = new LuaFile(state.StdOut, true);
        state.StdOutFile = stdoutFile;
        var stdout = Wrap(state, stdoutFile);
        var stderr = Wrap(state, new LuaFile(state.StdErr, true));
        lib.Set("stdin", stdin);
        lib.Set("stdout", stdout);
        lib.Set("stderr", stderr);
        state.Registry.Set(InputKey, stdin);
        state.Registry.Set(OutputKey, stdout);
    }

    private static LuaValue Wrap(LuaState state, LuaFile file)
    {
        if (!file.IsStandard) state.OpenFiles.Add(file);
        return new(new LuaUserdata(file, state.Registry.Get("FILE*").AsTable));
    }

    private static LuaFile ToFile(CallContext call, int n) =>
        (call[n].Obj as LuaUserdata)?.Value as LuaFile ?? throw call.TypeError(n, "FILE*");

    private static LuaFile CheckOpen(CallContext call, int n)
    {
        var f = ToFile(call, n);
        if (f.IsClosed) throw call.Error("attempt to use a closed file");
        return f;
    }

    private static LuaFile Default(CallContext call, string key)
    {
        var f = (LuaFile)((LuaUserdata)call.State.Registry.Get(key).Obj!).Value!;
        if (f.IsClosed) throw call.Error($"standard {(key == InputKey ? "input" : "output")} file is closed");
        return f;
    }

    /// <summary>nil, "name: message", errno (luaL_fileresult's failure form).</summary>
    private static int Failure(CallContext call, string? name, Exception e)
    {
        int errno = Io.OsError.Of(e, name is null ? null : Io.OsStrings.ToOs(name));
        string message = Io.OsError.Text(errno);
        return call.Return(LuaValue.Nil, LuaString.FromLatin1(name is null ? message : $"{name}: {message}"), errno);
    }

    private static int OpenFile(CallContext call)
    {
        string name = call.CheckString(1).ToLatin1String();
        string mode = call.OptString(2, LuaString.FromLatin1("r"))!.ToLatin1String();
        // like fopen: the first letter chooses the mode, a '+' anywhere after it adds the other direction
        if (mode.Length == 0 || mode[0] is not ('r' or 'w' or 'a')) return call.Return(LuaValue.Nil, LuaString.FromLatin1($"{name}: Invalid argument"), 22);
        string m = mode[0] + (mode.IndexOf('+') > 0 ? "+" : "");
        try
        {
            string path = Io.OsStrings.ToOs(name);
            var stream = m switch
            {
                "r" => Io.DirectoryStream.OpenForReading(path, Share),
                "w" => new FileStream(path, FileMode.Create, FileAccess.Write, Share),
                "a" => new FileStream(path, FileMode.Append, FileAccess.Write, Share),
                "r+" => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, Share),
                "w+" => new FileStream(path, FileMode.Create, FileAccess.ReadWrite, Share),
                _ => OpenAppendReadWrite(path),
            };
            return call.Return(Wrap(call.State, new LuaFile(stream)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure(call, name, e);
        }
    }

    private static FileStream OpenAppendReadWrite(string name)
    {
        var s = new FileStream(name, FileMode.OpenOrCreate, FileAccess.ReadWrite, Share);
        s.Seek(0, SeekOrigin.End);
        return s;
    }

    private static int Close(CallContext call) =>
        call.IsNoneOrNil(1) ? CloseFile(call, Default(call, OutputKey)) : FileClose(call);

    private static int FileClose(CallContext call) => CloseFile(call, CheckOpen(call, 1));

    private static int CloseFile(CallContext call, LuaFile f)
    {
        if (f.IsStandard)
        {
            f.Stream.Flush();
            return call.Return(LuaValue.Nil, "cannot close standard file");
        }
        f.Close();
        return call.Return(LuaValue.True);
    }

    private static int FileRead(CallContext call) => Read(call, CheckOpen(call, 1), 2);

    private static int Read(CallContext call, LuaFile f, int first)
    {
        if (ReferenceEquals(f.Stream, call.State.StdIn)) call.State.StdOut.Flush();
        if (!f.Stream.CanRead) return call.Return(LuaValue.Nil, "Bad file descriptor", 9);
        int count = Math.Max(call.ArgCount - first + 1, 1);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var fmt = call[first + i];
                LuaValue v;
                if (fmt.IsNil && i == 0) v = f.ReadLine() is { } l ? l : LuaValue.Nil;
                else if (fmt.IsNumber) v = f.ReadCount(CallContext.ToInteger(fmt.Num)) is { } s ? s : LuaValue.Nil;
                else
                {
                    string spec = fmt.AsString?.ToLatin1String() ?? "";
                    if (!spec.StartsWith('*')) throw call.ArgError(first + i, "invalid format");
                    v = spec.Length > 1 ? spec[1] switch
                    {
                        'n' => f.ReadNumber() is double d ? d : LuaValue.Nil,
                        'l' => f.ReadLine() is { } line ? line : LuaValue.Nil,
                        'a' => f.ReadAll(),
                        _ => throw call.ArgError(first + i, "invalid format"),
                    } : throw call.ArgError(first + i, "invalid format");
                }
                call.Push(v);
                if (v.IsNil) return i + 1;
            }
            return count;
        }
        catch (IOException e)
        {
            return Failure(call, null, e);
        }
    }

    private static int FileWrite(CallContext call)
    {
        CheckOpen(call, 1);
        return Write(call, ToFile(call, 1), 2);
    }

    private static int Write(CallContext call, LuaFile f, int first)
    {
        var stream = f.Stream;
        if (!stream.CanWrite) return call.Return(LuaValue.Nil, "Bad file descriptor", 9);
        for (int i = first; i <= call.ArgCount; i++)
        {
            var v = call[i];
            var s = v.IsNumber || v.IsString ? v.ToLuaStringCoerced()! : throw call.TypeError(i, "string");
            f.Write(s.Bytes);
        }
        return call.Return(LuaValue.True); // lua5.1 returns true (5.2 returns the file)
    }

    private static int FileFlush(CallContext call)
    {
        CheckOpen(call, 1).Stream.Flush();
        return call.Return(LuaValue.True);
    }

    private static int SetVBuf(CallContext call)
    {
        var f = CheckOpen(call, 1);
        f.BufferMode = call.CheckOption(2, null, "no", "full", "line");
        f.Stream.Flush();
        return call.Return(LuaValue.True);
    }

    private static int Seek(CallContext call)
    {
        var f = CheckOpen(call, 1);
        int whence = call.CheckOption(2, "cur", "set", "cur", "end");
        long offset = call.OptInteger(3, 0);
        var stream = f.Stream;
        if (!stream.CanSeek) return SeekFailure(call, Io.OsError.ESPIPE);
        try
        {
            f.DiscardPeek();
            long target = whence == 0 ? offset : whence == 1 ? stream.Position + offset : stream.Length + offset;
            // what fseek refuses: a position before the start, or past what the file system allows
            if (target < 0 || !Io.PosixFile.CanSeekTo(stream, target)) // (an overflowing sum is negative too)
                return SeekFailure(call, Io.OsError.EINVAL);
            return call.Return(stream.Seek(target, SeekOrigin.Begin));
        }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            return SeekFailure(call, e is NotSupportedException ? Io.OsError.ESPIPE : Io.OsError.Of(e, null));
        }
    }

    private static int SeekFailure(CallContext call, int errno) => call.Return(LuaValue.Nil, LuaString.FromLatin1(Io.OsError.Text(errno)), errno);

    private static int FileLines(CallContext call)
    {
        var f = CheckOpen(call, 1);
        return call.Return(LinesIterator(call.State, f, closeAtEnd: false));
    }

    private static int Lines(CallContext call)
    {
        if (call.IsNoneOrNil(1)) return call.Return(LinesIterator(call.State, Default(call, InputKey), false));
        string name = call.CheckString(1).ToLatin1String();
        try
        {
            return call.Return(LinesIterator(call.State, new LuaFile(Io.DirectoryStream.OpenForReading(Io.OsStrings.ToOs(name), Share)), closeAtEnd: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw call.ArgErrorLatin1(1, $"{name}: {Io.OsError.Text(Io.OsError.Of(e, Io.OsStrings.ToOs(name)))}");
        }
    }

    private static LuaValue LinesIterator(LuaState state, LuaFile f, bool closeAtEnd) =>
        state.CreateFunction("lines_iterator", call =>
        {
            if (f.IsClosed) throw call.Error("file is already closed");
            LuaString? line;
            try
            {
                line = f.ReadLine();
            }
            catch (IOException e)
            {
                throw call.ErrorLatin1(Io.OsError.Text(Io.OsError.Of(e, null))); // lua5.1: luaL_error(L, "%s", strerror(errno))
            }
            if (line is null)
            {
                if (closeAtEnd) f.Close();
                return 0; // io_readline returns no value at the end (the for loop sees nil)
            }
            return call.Return(line);
        });

    private static int Type(CallContext call)
    {
        call.CheckAny(1);
        if ((call[1].Obj as LuaUserdata)?.Value is not LuaFile f) return call.Return(LuaValue.Nil);
        return call.Return(f.IsClosed ? "closed file" : "file");
    }

    private static int Redirect(CallContext call, string key, string mode)
    {
        if (!call.IsNoneOrNil(1))
        {
            if (call[1].Obj is LuaString name)
            {
                try
                {
                    string path = Io.OsStrings.ToOs(name.ToLatin1String());
                    var stream = mode == "r" ? Io.DirectoryStream.OpenForReading(path, Share) : new FileStream(path, FileMode.Create, FileAccess.Write, Share);
                    call.State.Registry.Set(key, Wrap(call.State, new LuaFile(stream)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // lua5.1's g_iofile: luaL_argerror(L, 1, "name: strerror")
                    throw call.ArgErrorLatin1(1, $"{name.ToLatin1String()}: {Io.OsError.Text(Io.OsError.Of(e, Io.OsStrings.ToOs(name.ToLatin1String())))}");
                }
            }
            else
            {
                ToFile(call, 1);
                call.State.Registry.Set(key, call[1]);
            }
        }
        return call.Return(call.State.Registry.Get(key));
    }

    private static int TmpFile(CallContext call)
    {
        string path = Path.GetTempFileName();
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
        return call.Return(Wrap(call.State, new LuaFile(stream)));
    }

    private static int POpen(CallContext call)
    {
        string command = Io.OsStrings.ToOs(call.CheckString(1).ToLatin1String());
        string mode = call.OptString(2, LuaString.FromLatin1("r"))!.ToLatin1String();
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        if (mode.StartsWith('r')) psi.RedirectStandardOutput = true;
        else psi.RedirectStandardInput = true;
        try
        {
            call.State.StdOut.Flush();
            var process = System.Diagnostics.Process.Start(psi)!;
            var stream = mode.StartsWith('r') ? process.StandardOutput.BaseStream : process.StandardInput.BaseStream;
            return call.Return(Wrap(call.State, new LuaFile(stream) { Process = process }));
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            return Failure(call, command, e);
        }
    }
}
