using LuaVm.Runtime;

namespace LuaModules.Mime;

/// <summary>
/// mime.core, LuaSocket's MIME filters (documented in LuaSocket's mime.html; its mime.c is the
/// reference for the exact byte-level behaviour): b64/unb64, qp/unqp, wrp/qpwrp, eol and dot.
/// Each works on one chunk at a time in the LTN12 filter style: it returns what it could
/// convert and what it must keep for the next call, and a nil chunk ends the stream. Written
/// here; Debian's mime.lua (and so socket.http and socket.smtp) runs on it.
/// </summary>
public static class MimeModule
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray(), EqualsCrlf = "=\r\n"u8.ToArray();
    private static readonly byte[] Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8.ToArray();
    private static readonly byte[] Hex = "0123456789ABCDEF"u8.ToArray();
    private static readonly byte[] Base64Values = MakeBase64Values();

    /// <summary>The open function of the built-in module "mime.core".</summary>
    public static int Open(CallContext call)
    {
        var state = call.State;
        var mime = new LuaTable();
        void F(string name, LuaNativeFunction f) => mime.Set(name, state.CreateFunction(name, f));
        F("b64", c => Coder(c, EncodeBase64, PadBase64));
        F("unb64", c => Coder(c, DecodeBase64, null));
        F("qp", QuotedPrintable);
        F("unqp", c => Coder(c, DecodeQuotedPrintable, null));
        F("wrp", c => Wrap(c, quoted: false));
        F("qpwrp", c => Wrap(c, quoted: true));
        F("eol", EndOfLine);
        F("dot", Dot);
        mime.Set("_VERSION", "MIME 1.0.3");
        return call.Return(mime);
    }

    private static byte[] MakeBase64Values()
    {
        var values = new byte[256];
        Array.Fill(values, (byte)255);
        for (int i = 0; i < Base64.Length; i++) values[Base64[i]] = (byte)i;
        values['='] = 0; // padding decodes as zero bits; the count of '=' says how many bytes are real
        return values;
    }

    /// <summary>A growing output buffer (luaL_Buffer's role).</summary>
    private sealed class Output
    {
        private byte[] _bytes = new byte[64];
        public int Length;

        public void Add(byte b)
        {
            if (Length == _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
            _bytes[Length++] = b;
        }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes) Add(b);
        }

        public LuaValue ToValue() => new(LuaString.FromBytes(_bytes.AsSpan(0, Length)));
    }

    /// <summary>One step of an incremental coder: takes a byte into the pending atom, may write output; returns the atom's new size.</summary>
    private delegate int Step(byte c, byte[] atom, int size, Output output);

    /// <summary>
    /// A, B = f(C, D): C is converted; then D too, and B is what is left over for the next call;
    /// with D nil the stream ends (<paramref name="end"/> flushes the atom), and an empty A is nil.
    /// </summary>
    private static int Coder(CallContext call, Step step, Func<byte[], int, Output, int>? end, LuaString? marker = null)
    {
        var first = call.OptString(1, null);
        if (first is null) return call.Return(LuaValue.Nil, LuaValue.Nil);
        var atom = new byte[4];
        int size = 0;
        var output = new Output();
        foreach (byte c in first.Bytes) size = step(c, atom, size, output);
        var second = call.OptString(2, null);
        if (second is null)
        {
            if (end is not null) size = end(atom, size, output);
            return call.Return(output.Length == 0 ? LuaValue.Nil : output.ToValue(), LuaValue.Nil);
        }
        foreach (byte c in second.Bytes) size = step(c, atom, size, output);
        return call.Return(output.ToValue(), LuaString.FromBytes(atom.AsSpan(0, size)));
    }

    private static int EncodeBase64(byte c, byte[] atom, int size, Output output)
    {
        atom[size++] = c;
        if (size < 3) return size;
        int value = (atom[0] << 16) | (atom[1] << 8) | atom[2];
        output.Add(Base64[value >> 18]);
        output.Add(Base64[(value >> 12) & 63]);
        output.Add(Base64[(value >> 6) & 63]);
        output.Add(Base64[value & 63]);
        return 0;
    }

    private static int PadBase64(byte[] atom, int size, Output output)
    {
        if (size == 1)
        {
            output.Add(Base64[atom[0] >> 2]);
            output.Add(Base64[(atom[0] << 4) & 63]);
            output.Add("=="u8);
        }
        else if (size == 2)
        {
            int value = (atom[0] << 8) | atom[1];
            output.Add(Base64[value >> 10]);
            output.Add(Base64[(value >> 4) & 63]);
            output.Add(Base64[(value << 2) & 63]);
            output.Add((byte)'=');
        }
        return 0;
    }

    private static int DecodeBase64(byte c, byte[] atom, int size, Output output)
    {
        if (Base64Values[c] > 64) return size; // not Base64: skipped (line breaks, say)
        atom[size++] = c;
        if (size < 4) return size;
        int value = (Base64Values[atom[0]] << 18) | (Base64Values[atom[1]] << 12) | (Base64Values[atom[2]] << 6) | Base64Values[atom[3]];
        int valid = atom[2] == '=' ? 1 : atom[3] == '=' ? 2 : 3;
        output.Add((byte)(value >> 16));
        if (valid > 1) output.Add((byte)(value >> 8));
        if (valid > 2) output.Add((byte)value);
        return 0;
    }

    // quoted-printable classes: which bytes may stay as they are
    private static bool Plain(byte c) => (c >= 33 && c <= 60) || (c >= 62 && c <= 126);

    private static void Quote(byte c, Output output)
    {
        output.Add((byte)'=');
        output.Add(Hex[c >> 4]);
        output.Add(Hex[c & 15]);
    }

    /// <summary>A, B = qp(C, D, marker): CR LF in the text becomes marker (CR LF by default).</summary>
    private static int QuotedPrintable(CallContext call)
    {
        var marker = call.OptString(3, null)?.Bytes ?? Crlf;
        int nul = Array.IndexOf(marker, (byte)0); // the C code adds the marker as a C string
        if (nul >= 0) marker = marker[..nul];
        return Coder(call, (c, atom, size, output) => EncodeQuotedPrintable(c, atom, size, output, marker), PadQuotedPrintable);
    }

    private static int EncodeQuotedPrintable(byte c, byte[] atom, int size, Output output, byte[] marker)
    {
        atom[size++] = c;
        while (size > 0)
        {
            byte first = atom[0];
            if (first == '\r')
            {
                // maybe the CR of a CR LF line break
                if (size < 2) return size;
                if (atom[1] == '\n')
                {
                    output.Add(marker);
                    return 0;
                }
                Quote(first, output);
            }
            else if (first == '\t' || first == ' ')
            {
                // white space must be quoted at the end of a line
                if (size < 3) return size;
                if (atom[1] == '\r' && atom[2] == '\n')
                {
                    Quote(first, output);
                    output.Add(marker);
                    return 0;
                }
                output.Add(first);
            }
            else if (Plain(first)) output.Add(first);
            else Quote(first, output);
            atom[0] = atom[1];
            atom[1] = atom[2];
            size--;
        }
        return 0;
    }

    private static int PadQuotedPrintable(byte[] atom, int size, Output output)
    {
        for (int i = 0; i < size; i++)
        {
            if (Plain(atom[i])) output.Add(atom[i]);
            else Quote(atom[i], output);
        }
        if (size > 0) output.Add(EqualsCrlf);
        return 0;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => 255,
    };

    private static int DecodeQuotedPrintable(byte c, byte[] atom, int size, Output output)
    {
        atom[size++] = c;
        switch (atom[0])
        {
            case (byte)'=':
                if (size < 3) return size;
                if (atom[1] == '\r' && atom[2] == '\n') return 0; // a soft line break
                int high = HexValue(atom[1]), low = HexValue(atom[2]);
                if (high > 15 || low > 15) output.Add(atom.AsSpan(0, 3)); // not an escape: kept as it was
                else output.Add((byte)((high << 4) + low));
                return 0;
            case (byte)'\r':
                if (size < 2) return size;
                if (atom[1] == '\n') output.Add(atom.AsSpan(0, 2));
                return 0;
            default:
                if (atom[0] == '\t' || (atom[0] > 31 && atom[0] < 127)) output.Add(atom[0]);
                return 0;
        }
    }

    /// <summary>
    /// A, n = wrp(left, B, length) and qpwrp(left, B, length): B broken into lines of at most
    /// length bytes (76 by default), left bytes remaining on the first; n is what remains on the
    /// last. qpwrp breaks with soft line breaks and never inside an =XX escape.
    /// </summary>
    private static int Wrap(CallContext call, bool quoted)
    {
        int left = (int)CallContext.ToInteger(call.CheckNumber(1));
        var input = call.OptString(2, null);
        int length = (int)CallContext.ToInteger(call.OptNumber(3, 76));
        if (input is null)
        {
            LuaValue last = left < length ? new LuaValue(LuaString.FromBytes(quoted ? EqualsCrlf : Crlf)) : LuaValue.Nil;
            return call.Return(last, length);
        }
        var output = new Output();
        foreach (byte c in input.Bytes)
        {
            switch (c)
            {
                case (byte)'\r':
                    break;
                case (byte)'\n':
                    output.Add(Crlf);
                    left = length;
                    break;
                default:
                    if (left <= (quoted ? (c == '=' ? 3 : 1) : 0))
                    {
                        left = length;
                        output.Add(quoted ? EqualsCrlf : Crlf);
                    }
                    output.Add(c);
                    left--;
                    break;
            }
        }
        return call.Return(output.ToValue(), left);
    }

    /// <summary>
    /// A, n = eol(context, B, marker): every line break in B (CR, LF, CR LF or LF CR) becomes
    /// marker; context carries a break that may continue into the next chunk.
    /// </summary>
    private static int EndOfLine(CallContext call)
    {
        int context = (int)call.CheckInteger(1);
        var input = call.OptString(2, null);
        var marker = call.OptString(3, null)?.Bytes ?? Crlf;
        int nul = Array.IndexOf(marker, (byte)0);
        if (nul >= 0) marker = marker[..nul];
        if (input is null) return call.Return(LuaValue.Nil, 0);
        var output = new Output();
        foreach (byte b in input.Bytes)
        {
            // the C code reads the bytes as (signed) char: only CR and LF matter here
            int c = b;
            bool candidate = c is '\r' or '\n';
            if (!candidate)
            {
                output.Add(b);
                context = 0;
            }
            else if (context is '\r' or '\n')
            {
                if (c == context) output.Add(marker); // CR CR or LF LF: two breaks
                context = 0;
            }
            else
            {
                output.Add(marker);
                context = c;
            }
        }
        return call.Return(output.ToValue(), context);
    }

    /// <summary>A, n = dot(state, B): SMTP dot-stuffing (a '.' at the start of a line is doubled).</summary>
    private static int Dot(CallContext call)
    {
        long state = CallContext.ToInteger(call.CheckNumber(1));
        var input = call.OptString(2, null);
        if (input is null) return call.Return(LuaValue.Nil, 2);
        var output = new Output();
        foreach (byte c in input.Bytes)
        {
            output.Add(c);
            switch (c)
            {
                case (byte)'\r':
                    state = 1;
                    break;
                case (byte)'\n':
                    state = state == 1 ? 2 : 0;
                    break;
                case (byte)'.':
                    if (state == 2) output.Add((byte)'.');
                    state = 0;
                    break;
                default:
                    state = 0;
                    break;
            }
        }
        return call.Return(output.ToValue(), state);
    }
}
