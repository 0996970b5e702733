using System.Diagnostics;
using System.Text;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Library.Cjson;

/// <summary>
/// What the cjson golden cases cannot show: thousands of generated numbers written and read
/// exactly as lua5.1 with Debian's lua-cjson does (%.14g and the other precisions, strtod's
/// rounding), and deep nesting on a small .NET stack ending in lua-cjson's error, not a crash.
/// </summary>
public sealed class CjsonTests
{
    private static LuaState NewState(MemoryStream output)
    {
        var state = new LuaState { StdOut = output };
        LuaModules.BuiltinModules.AddTo(state);
        return state;
    }

    private static string RunKraken(string script)
    {
        var output = new MemoryStream();
        var state = NewState(output);
        state.DoString(script, "=cjson");
        state.StdOut.Flush();
        return Encoding.Latin1.GetString(output.ToArray());
    }

    private static string? RunLua51(string script)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"kraken-cjson-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "numbers.lua");
            File.WriteAllText(path, script, Encoding.Latin1);
            var psi = new ProcessStartInfo("lua5.1", path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(120000);
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // lua5.1 is not installed
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Numbers made with exact arithmetic from a fixed linear congruential sequence, so that both
    // interpreters see the same doubles; each line is one value's outputs.
    private const string NumbersScript = """
        local cjson = require "cjson"
        local seed = 42
        local function random(n)
          seed = (seed * 1103515245 + 12345) % 2147483648
          return seed % n
        end
        local out = {}
        for i = 1, 3000 do
          local x
          local kind = i % 4
          if kind == 0 then x = (random(2 ^ 26) * 2 ^ 27 + random(2 ^ 27)) * 2 ^ (random(200) - 130)
          elseif kind == 1 then x = random(2 ^ 30) / 10 ^ random(12)
          elseif kind == 2 then x = (random(2 ^ 30) + 0.5) * 10 ^ (random(40) - 20)
          else x = random(1000) + random(1000) / 1000 end
          if random(2) == 1 then x = -x end
          local line = { cjson.encode(x) }
          for _, p in ipairs({ 1, 3, 7, 10, 13 }) do
            cjson.encode_number_precision(p)
            line[#line + 1] = cjson.encode(x)
          end
          cjson.encode_number_precision(14)
          -- and back: the shortest exact text, and decimal texts of many digits
          line[#line + 1] = string.format("%.17g", cjson.decode(string.format("%.17g", x)))
          local digits = {}
          for d = 1, 1 + random(25) do digits[d] = random(10) end
          local text = table.concat(digits) .. "." .. random(100000) .. "e" .. (random(60) - 30)
          line[#line + 1] = text .. "=" .. string.format("%.17g", cjson.decode(text))
          out[#out + 1] = table.concat(line, " ")
        end
        print(table.concat(out, "\n"))
        """;

    [Fact]
    public void NumbersAreWrittenAndReadAsByLua51()
    {
        string? expected = RunLua51(NumbersScript);
        Assert.True(expected is not null, "lua5.1 is needed for this test: apt-get install lua5.1");
        string actual = RunKraken(NumbersScript);
        var e = expected!.Split('\n');
        var a = actual.Split('\n');
        Assert.True(e.Length > 3000, "lua5.1 did not run the script (is lua-cjson installed?)");
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<none>", al = i < a.Length ? a[i] : "<none>";
            Assert.True(el == al, $"line {i + 1}:\n lua5.1: {el}\n kraken: {al}");
        }
    }

    /// <summary>
    /// With the depth settings raised, nesting is limited by lua5.1's stack slots (7998 arrays);
    /// on a .NET thread with a small stack the recursion must stop before the stack does, with
    /// lua-cjson's message.
    /// </summary>
    [Fact]
    public void DeepNestingOnASmallStackIsALuaError()
    {
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunKraken("""
                    local cjson = require "cjson"
                    cjson.encode_max_depth(100000)
                    cjson.decode_max_depth(100000)
                    local top = {}
                    local t = top
                    for i = 2, 7900 do local inner = {} t[1] = inner t = inner end
                    print(pcall(cjson.encode, top))
                    print(pcall(cjson.decode, string.rep("[", 7900) .. string.rep("]", 7900)))
                    """);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        var lines = result!.Split('\n');
        Assert.StartsWith("false\tCannot serialise, excessive nesting (", lines[0]);
        Assert.StartsWith("false\tFound too many nested data structures (", lines[1]);
    }

    /// <summary>cjson.null is the NULL light userdata: type "userdata", no metatable, printed as lua5.1 prints it.</summary>
    [Fact]
    public void NullIsTheNullLightUserdata()
    {
        var output = new MemoryStream();
        var state = NewState(output);
        var values = state.DoString("local cjson = require 'cjson' return cjson.null, cjson.decode('null'), tostring(cjson.null), type(cjson.null)");
        Assert.Same(LuaLightUserdata.Null, values[0].Obj);
        Assert.Same(LuaLightUserdata.Null, values[1].Obj);
        Assert.Equal("userdata: (nil)", values[2].ToString());
        Assert.Equal("userdata", values[3].ToString());
    }
}
