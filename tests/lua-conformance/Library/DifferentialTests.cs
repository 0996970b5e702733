using System.Diagnostics;
using System.Globalization;
using System.Text;
using LuaVm;
using Xunit;

namespace LuaConformance.Tests.Library;

/// <summary>
/// Property tests against the reference interpreter: hundreds of generated string.format and
/// pattern-matching calls (fixed seeds) run as one script under lua5.1 and under kraken, and
/// every output line must be equal. lua5.1 must be installed (.ci/run installs it).
/// </summary>
public sealed class DifferentialTests
{
    private static string? RunLua51(string script)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kraken-diff-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, script, Encoding.Latin1);
        try
        {
            var psi = new ProcessStartInfo("lua5.1", path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(60000);
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // lua5.1 is not installed
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RunKraken(string script)
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StdOut = output;
        LuaVm.Library.IoLibrary.Open(state);
        state.DoString(script, "=differential");
        state.StdOut.Flush();
        return Encoding.Latin1.GetString(output.ToArray());
    }

    private static void AssertSameAsLua51(string script)
    {
        string? expected = RunLua51(script);
        Assert.True(expected is not null, "lua5.1 is needed for this test: apt-get install lua5.1");
        string actual = RunKraken(script);
        var e = expected!.Split('\n');
        var a = actual.Split('\n');
        var scriptLines = script.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<none>", al = i < a.Length ? a[i] : "<none>";
            if (el != al) Assert.Fail($"line {i + 1} differs for: {(i + 1 < scriptLines.Length ? scriptLines[i + 1] : "?")}\n lua5.1: {el}\n kraken: {al}");
        }
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s) sb.Append(c is '"' or '\\' ? "\\" + c : c == '\n' ? "\\n" : c.ToString());
        return sb.Append('"').ToString();
    }

    [Fact]
    public void StringFormatMatchesLua51()
    {
        var random = new Random(20261125);
        var sb = new StringBuilder("local function show(...) local r = {pcall(string.format, ...)} print(tostring(r[1]), tostring(r[2])) end\n");
        string[] conversions = ["d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "g", "G", "s", "q"];
        string[] flags = ["", "-", "+", " ", "#", "0", "-0", "+ ", "#0"];
        double[] numbers = [0, 1, -1, 7, 42, 255, 65, -3.75, 3.14159, 1e10, 1e-7, 123456.789, 0.5, 1.5, 2.5, -0.0, 1e100, 2147483647, 99.999];
        for (int n = 0; n < 2000; n++)
        {
            string conversion = conversions[random.Next(conversions.Length)];
            string flag = flags[random.Next(flags.Length)];
            string width = random.Next(3) == 0 ? "" : random.Next(0, 25).ToString(CultureInfo.InvariantCulture);
            string precision = random.Next(3) == 0 ? "" : "." + random.Next(0, 15).ToString(CultureInfo.InvariantCulture);
            if (conversion is "c" or "q") { flag = ""; precision = ""; }
            string spec = "%" + flag + width + precision + conversion;
            string arg = conversion is "s" or "q"
                ? Quote(random.Next(2) == 0 ? "hello world" : "a\"b\\c\nd")
                : numbers[random.Next(numbers.Length)].ToString("R", CultureInfo.InvariantCulture);
            if (conversion == "c") arg = random.Next(32, 127).ToString(CultureInfo.InvariantCulture);
            sb.Append($"show({Quote("[" + spec + "]")}, {arg})\n");
        }
        AssertSameAsLua51(sb.ToString());
    }

    [Fact]
    public void PatternMatchingMatchesLua51()
    {
        var random = new Random(5151);
        var sb = new StringBuilder("""
            local function show(f, ...) local r = {pcall(f, ...)} for i = 1, #r do r[i] = tostring(r[i]) end print(table.concat(r, "|")) end
            local function all(s, p) local t = {} for a, b in string.gmatch(s, p) do t[#t + 1] = tostring(a) .. "," .. tostring(b) if #t > 50 then break end end return table.concat(t, ";") end

            """);
        string[] items = ["a", "b", "1", " ", ".", "%a", "%d", "%s", "%w", "%p", "%x", "%u", "%l", "%A", "%S", "[ab]", "[^a]", "[a-z]", "[%d%s]", "%.", "%%"];
        string[] quantifiers = ["", "", "", "*", "+", "-", "?"];
        string alphabet = "abAB12 .,-%()[]";
        for (int n = 0; n < 2000; n++)
        {
            var subject = new StringBuilder();
            int len = random.Next(0, 14);
            for (int i = 0; i < len; i++) subject.Append(alphabet[random.Next(alphabet.Length)]);
            var pattern = new StringBuilder();
            if (random.Next(6) == 0) pattern.Append('^');
            int pieces = random.Next(1, 5);
            for (int i = 0; i < pieces; i++)
            {
                bool capture = random.Next(5) == 0;
                if (capture) pattern.Append('(');
                int kind = random.Next(12);
                if (kind == 0) pattern.Append("%b()");
                else if (kind == 1) pattern.Append("%f[%w]");
                else if (kind == 2) pattern.Append("()");
                else pattern.Append(items[random.Next(items.Length)]).Append(quantifiers[random.Next(quantifiers.Length)]);
                if (capture) pattern.Append(')');
            }
            if (random.Next(6) == 0) pattern.Append('$');
            string s = Quote(subject.ToString()), p = Quote(pattern.ToString());
            switch (random.Next(4))
            {
                case 0: sb.Append($"show(string.find, {s}, {p})\n"); break;
                case 1: sb.Append($"show(string.match, {s}, {p})\n"); break;
                case 2: sb.Append($"show(string.gsub, {s}, {p}, \"<%0>\")\n"); break;
                default: sb.Append($"show(all, {s}, {p})\n"); break;
            }
        }
        AssertSameAsLua51(sb.ToString());
    }
}
