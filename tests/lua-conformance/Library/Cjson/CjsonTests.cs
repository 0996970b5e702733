using System.Diagnostics;
using System.Text;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Library.Cjson;

/// <summary>
/// What the cjson golden cases cannot show: thousands of generated numbers (%.14g and the other
/// precisions, strtod's rounding), mutated JSON texts and random tables, each compared with
/// lua5.1 + Debian's lua-cjson; and deep nesting on a small .NET stack ending in lua-cjson's
/// error, not a crash.
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
            var psi = new ProcessStartInfo("lua5.1", path)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.Latin1,
            };
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
    /// Mutated and random JSON texts (fixed seed, both decode_invalid_numbers settings): every
    /// result, value or message, is lua5.1's. Tables are printed with sorted keys.
    /// </summary>
    [Fact]
    public void MutatedTextsDecodeAsByLua51() => AssertSameAsLua51(DecodeFuzzScript);

    /// <summary>
    /// Random tables (sparse, mixed, odd keys, bad values) under changing settings: the same
    /// tables are encoded (same length, first byte and content) or refused as by lua5.1.
    /// </summary>
    [Fact]
    public void RandomTablesEncodeAsByLua51() => AssertSameAsLua51(EncodeFuzzScript);

    private static void AssertSameAsLua51(string script)
    {
        string? expected = RunLua51(script);
        Assert.True(expected is not null, "lua5.1 is needed for this test: apt-get install lua5.1");
        string actual = RunKraken(script);
        var e = expected!.Split('|');
        var a = actual.Split('|');
        Assert.True(e.Length > 1000, "lua5.1 did not run the script (is lua-cjson installed?)");
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<none>", al = i < a.Length ? a[i] : "<none>";
            Assert.True(el == al, $"case {i + 1}:\n lua5.1: {el}\n kraken: {al}");
        }
    }

    private const string DecodeFuzzScript = """
        local cjson = require "cjson"
        local seed = 7
        local function random(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
        local function show(v)
          local t = type(v)
          if t == "table" then
            local keys = {}
            for k in pairs(v) do keys[#keys + 1] = k end
            table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
            local out = {}
            for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. show(v[k]) end
            return "{" .. table.concat(out, ",") .. "}"
          elseif t == "string" then return string.format("%q", v)
          elseif t == "number" then return string.format("%.17g", v)
          else return tostring(v) end
        end
        local pieces = { "{", "}", "[", "]", ",", ":", " ", '"', "\\", "u", "0", "1", "9", "-", "+", ".", "e", "E", "x", "a",
          "true", "false", "null", "nan", "inf", "Infinity", '"k"', '"\\u00e9"', '"\\ud83d\\ude00"', "\\ud800", "\0", "\t", "\n",
          "\255", "\128", "f", "t", "n", "N", "I", "0x1F", "1e5", "-0", "00", "/", "\\/", '\\"' }
        local out = {}
        local base = { '{"a":[1,2,{"b":null}],"c":"d\\n"}', '[1.5e3,-2,"x\\u0041",true,false,null]', '{"k":{"k":{"k":[]}}}', '"str"', "123" }
        for i = 1, 3000 do
          local s
          if i % 3 == 0 then
            local parts = {}
            for j = 1, 1 + random(12) do parts[j] = pieces[random(#pieces) + 1] end
            s = table.concat(parts)
          else
            s = base[random(#base) + 1]
            for _ = 1, 1 + random(3) do
              local pos = random(#s + 1)
              local op = random(3)
              if op == 0 then s = s:sub(1, pos) .. pieces[random(#pieces) + 1] .. s:sub(pos + 1)
              elseif op == 1 then s = s:sub(1, pos) .. s:sub(pos + 2)
              else s = s:sub(1, pos) .. string.char(random(256)) .. s:sub(pos + 2) end
            end
          end
          if i % 500 == 0 then cjson.decode_invalid_numbers(i % 1000 == 0) end
          local ok, r = pcall(cjson.decode, s)
          out[#out + 1] = i .. " " .. tostring(ok) .. " " .. (ok and show(r) or r)
        end
        print((table.concat(out, "\n"):gsub("\n", "|")))
        """;

    private const string EncodeFuzzScript = """
        local cjson = require "cjson"
        local seed = 11
        local function random(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
        local function show(v)
          local t = type(v)
          if t == "table" then
            local keys = {}
            for k in pairs(v) do keys[#keys + 1] = k end
            table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
            local out = {}
            for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. show(v[k]) end
            return "{" .. table.concat(out, ",") .. "}"
          elseif t == "string" then return string.format("%q", v)
          elseif t == "number" then return string.format("%.17g", v)
          else return tostring(v) end
        end
        local keys = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 100, 0, -1, 1.5, 2 ^ 31, "a", "b", "1", "k/\n", true, math.huge }
        local leaves = { 0, 1, -1, 0.1, 1 / 3, 1e300, -0.5, 2 ^ 53, math.huge, 0 / 0, "", "s", "q\"\\/\0\127\200", true, false, cjson.null, print }
        local out = {}
        local function gen(depth)
          if depth > 3 or random(3) == 0 then return leaves[random(#leaves) + 1] end
          local t = {}
          for _ = 1, random(6) do
            local k = keys[random(#keys) + 1]
            if random(5) == 0 then k = random(30) + 1 end
            t[k] = gen(depth + 1)
          end
          return t
        end
        for i = 1, 2000 do
          if i % 400 == 0 then
            cjson.encode_sparse_array(random(2) == 1, random(4), random(12))
            cjson.encode_invalid_numbers(({ false, true, "null" })[random(3) + 1])
            cjson.encode_number_precision(1 + random(14))
          end
          local v = gen(0)
          local ok, r = pcall(cjson.encode, v)
          if ok then
            local first = r:sub(1, 1)
            local ok2, d = pcall(cjson.decode, r)
            out[#out + 1] = i .. " " .. #r .. " " .. first .. " " .. (ok2 and show(d) or d)
          else
            -- which of several bad values is reported first follows the traversal order
            out[#out + 1] = i .. " error"
          end
        end
        print((table.concat(out, "\n"):gsub("\n", "|")))
        """;

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
