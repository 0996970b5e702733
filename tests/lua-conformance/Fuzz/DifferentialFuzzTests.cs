using System.Diagnostics;
using System.Text;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Fuzz;

/// <summary>
/// Differential fuzzing against the reference interpreter: random but valid Lua 5.1 programs
/// (expressions with every operator and coercion, strings and patterns, tables, closures,
/// varargs, pcall/error, metatables, coroutines), run by lua5.1 and by kraken; their outputs
/// must be identical. Each statement prints under pcall, so errors compare too. CI runs 150
/// programs with a fixed seed where lua5.1 is installed; a long run:
///   FUZZ_PROGRAMS=100000 FUZZ_SEED=3 dotnet test tests/lua-conformance -c Release --filter DifferentialFuzzTests
/// A difference is reported with its program, saved as kraken-diff-*.lua in the temp folder.
/// </summary>
public sealed class DifferentialFuzzTests
{
    [Fact]
    public void KrakenPrintsWhatLua51Prints()
    {
        if (!ReferenceRunner.LuaInstalled()) return; // the reference is needed; CI installs it (.ci/run)
        int count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_PROGRAMS"), out int c) ? c : 150;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out int s) ? s : 1125;
        var random = new Random(seed);
        const int batch = 50; // programs per lua5.1 process, separated by a marker line
        for (int done = 0; done < count; done += batch)
        {
            var programs = new List<string>();
            for (int i = 0; i < Math.Min(batch, count - done); i++) programs.Add(new ProgramGenerator(random).Program());
            var expected = ReferenceRunner.RunLua51(programs);
            for (int i = 0; i < programs.Count; i++)
            {
                if (expected[i] is not { } reference) continue; // lua5.1 crashed before this program ended: no reference
                // each program runs three times: interpreted, with every function compiled at once
                // (Jit/), and compiled on a function's third call or backward jump, which leaves
                // calls noted for inlining (Jit/Inlining.cs)
                foreach (int jitThreshold in (int[])[0, 1, 3])
                {
                    string actual = ReferenceRunner.RunKraken(programs[i], jitThreshold);
                    if (ReferenceRunner.WithoutAddresses(actual) == ReferenceRunner.WithoutAddresses(reference)) continue;
                    string path = Path.Combine(Path.GetTempPath(), $"kraken-diff-{Guid.NewGuid():N}.lua");
                    File.WriteAllText(path, programs[i]);
                    Assert.Fail($"program {done + i} differs with JitThreshold {jitThreshold} (saved as {path})\n--- lua5.1\n{reference}--- kraken\n{actual}");
                }
            }
        }
    }

    /// <summary>Random Lua 5.1 programs whose output never depends on addresses or time.</summary>
    private sealed class ProgramGenerator(Random random)
    {
        private static readonly string[] Strings = ["\"abc\"", "\"10\"", "\"0x10\"", "\" 5 \"", "\"\"", "\"a.b.c\"", "\"Hello World\"", "\"1e2\"", "\"x%d\"", "\"%a+\""];
        private static readonly string[] Numbers = ["0", "1", "-1", "2", "3", "7", "10", "0.5", "-2.5", "1e3", "2^53", "100", "255", "1/3"];
        private static readonly string[] Binary = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"];
        private static readonly string[] Patterns = ["\"%d+\"", "\"(%a)(%a)\"", "\"^%s*(.-)%s*$\"", "\"[aeiou]\"", "\"%.\"", "\"()b()\"", "\"(%w+)=(%w+)\"", "\"x*\"", "\"%f[%a]%a+\"", "\"%bxy\""];
        private int _depth;

        public string Program()
        {
            var sb = new StringBuilder();
            sb.Append("local a, b, s, u = 3, -2.5, \"12\", \"hello world\"\n");
            sb.Append("local t = {1, 2, 3, x = \"y\", [10] = 10}\n");
            sb.Append("local function f(...) return select(\"#\", ...), ... end\n");
            sb.Append("local mt = {__add = function(p, q) return 42 end, __index = function(_, k) return k end, __concat = function() return \"cat\" end, __eq = function() return true end, __lt = function() return false end, __call = function(self, x) return x end}\n");
            sb.Append("local o = setmetatable({}, mt)\n");
            int statements = random.Next(3, 12);
            for (int i = 0; i < statements; i++)
            {
                switch (random.Next(6))
                {
                    case 0: sb.Append("print(pcall(function() return ").Append(Expr()).Append(" end))\n"); break;
                    case 1: sb.Append("print(pcall(function() return ").Append(Expr()).Append(", ").Append(Expr()).Append(" end))\n"); break;
                    case 2: sb.Append("print(pcall(function() local r = {").Append(Expr()).Append(", ").Append(Expr()).Append("} return #r, type(r[1]), r[2] end))\n"); break;
                    case 3: // a stays a number, string, boolean or nil: tostring of anything else is an address
                        sb.Append("print(pcall(function() local v = ").Append(Expr())
                          .Append(" if type(v) == \"table\" or type(v) == \"function\" then v = 0 end a = v return type(a) end))\n");
                        break;
                    case 4: sb.Append("print(pcall(function() local n = 0 for i = ").Append(Small()).Append(", ").Append(Small()).Append(" do n = n + i end return n end))\n"); break;
                    default: sb.Append("print(pcall(function() local co = coroutine.wrap(function(x) local y = coroutine.yield(x) return y, ").Append(Expr()).Append(" end) return co(").Append(Expr()).Append("), co(").Append(Expr()).Append(") end))\n"); break;
                }
            }
            return sb.ToString();
        }

        private string Small() => random.Next(-3, 8).ToString();

        private string Expr()
        {
            _depth++;
            try
            {
                if (_depth > 4) return Leaf();
                return random.Next(12) switch
                {
                    0 or 1 or 2 => Leaf(),
                    3 or 4 => $"({Expr()} {Binary[random.Next(Binary.Length)]} {Expr()})",
                    5 => $"{(random.Next(3) switch { 0 => "-", 1 => "not ", _ => "#" })}{Operand()}",
                    6 => Call(),
                    7 => $"string.format({Format()}, {Expr()})",
                    8 => $"select({random.Next(-2, 4)}, f({Expr()}, {Expr()}))",
                    9 => $"({{{Expr()}, {Expr()}}})[{random.Next(0, 4)}]",
                    10 => $"(o {Binary[random.Next(Binary.Length)]} {Expr()})",
                    _ => $"tostring({Leaf()}):sub({Small()}, {Small()})", // a leaf: a table's tostring is an address
                };
            }
            finally
            {
                _depth--;
            }
        }

        private string Operand() => random.Next(3) == 0 ? Leaf() : $"({Expr()})";

        private string Leaf() => random.Next(9) switch
        {
            0 or 1 => Numbers[random.Next(Numbers.Length)],
            2 or 3 => Strings[random.Next(Strings.Length)],
            4 => new[] { "a", "b", "s", "u" }[random.Next(4)],
            5 => new[] { "nil", "true", "false" }[random.Next(3)],
            6 => $"t[{random.Next(0, 11)}]",
            7 => "t.x",
            _ => "o.key",
        };

        private string Format() => new[] { "\"%d\"", "\"%5.2f\"", "\"%s\"", "\"%q\"", "\"%x\"", "\"%g\"", "\"%-5s|\"", "\"%c\"", "\"%e\"", "\"%i\"" }[random.Next(10)];

        private string Call() => random.Next(14) switch
        {
            0 => $"string.len({Expr()})",
            1 => $"string.upper({Expr()})",
            2 => $"string.rep({Expr()}, {random.Next(0, 4)})",
            3 => $"tonumber({Expr()})",
            4 => $"tonumber({Strings[random.Next(Strings.Length)]}, {new[] { 2, 8, 10, 16, 36 }[random.Next(5)]})",
            5 => $"math.floor({Expr()})",
            6 => $"math.max({Expr()}, {Expr()})",
            7 => $"type({Expr()})",
            8 => $"string.find({Expr()}, {Patterns[random.Next(Patterns.Length)]})",
            9 => $"string.match(u, {Patterns[random.Next(Patterns.Length)]})",
            10 => $"(string.gsub(u, {Patterns[random.Next(Patterns.Length)]}, {Strings[random.Next(Strings.Length)]}))",
            11 => $"string.byte({Expr()}, {Small()})",
            12 => $"math.fmod({Expr()}, {Expr()})",
            _ => $"o({Expr()})",
        };
    }
}
