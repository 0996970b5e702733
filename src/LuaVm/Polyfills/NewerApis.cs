#if NETSTANDARD2_1
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

// The members of .NET 5-8 that the library's source calls and netstandard2.1 lacks, as C# 14
// extension members on the same types: the source stays one for every target, and only this
// file (with its siblings in Polyfills/) knows the difference. Each does what the real member
// does for the library's uses; where that costs more here (an allocation), the comment says so.

namespace System
{
    internal static class NewerApiExtensions
    {
        extension(ArgumentNullException)
        {
            public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null) throw new ArgumentNullException(paramName);
            }
        }

        extension(ArgumentOutOfRangeException)
        {
            public static void ThrowIfNegative(long value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
            {
                if (value < 0) throw new ArgumentOutOfRangeException(paramName, value, "The value must not be negative.");
            }
        }

        extension(OperatingSystem)
        {
            public static bool IsLinux() => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

            public static bool IsWindows() => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        }

        extension(Encoding)
        {
            /// <summary>ISO-8859-1, which every runtime has without a code-pages provider.</summary>
            public static Encoding Latin1 => Latin1Encoding;
        }

        private static readonly Encoding Latin1Encoding = Encoding.GetEncoding(28591);

        extension(char)
        {
            public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

            public static bool IsAsciiHexDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

            public static bool IsAsciiLetterOrDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        }

        extension(double)
        {
            /// <summary>Parses ASCII digits given as UTF-8 bytes (through a string here: one allocation).</summary>
            public static double Parse(ReadOnlySpan<byte> utf8Text, NumberStyles style, IFormatProvider? provider) =>
                double.Parse(Encoding.ASCII.GetString(utf8Text), style, provider);

            public static double CopySign(double x, double y)
            {
                const long sign = long.MinValue;
                return BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) & ~sign) | (BitConverter.DoubleToInt64Bits(y) & sign));
            }
        }

        extension(Math)
        {
            /// <summary>x * 2^n exactly, as C's scalbn (musl's algorithm: at most three exact steps).</summary>
            public static double ScaleB(double x, int n)
            {
                double y = x;
                if (n > 1023)
                {
                    y *= Pow2(1023);
                    n -= 1023;
                    if (n > 1023)
                    {
                        y *= Pow2(1023);
                        n -= 1023;
                        if (n > 1023) n = 1023;
                    }
                }
                else if (n < -1022)
                {
                    // 2^-1022 * 2^53: the intermediate stays normal, so no double rounding
                    y *= Pow2(-1022) * Pow2(53);
                    n += 1022 - 53;
                    if (n < -1022)
                    {
                        y *= Pow2(-1022) * Pow2(53);
                        n += 1022 - 53;
                        if (n < -1022) n = -1022;
                    }
                }
                return y * Pow2(n);
            }

            /// <summary>log2(x), exact for powers of two (the exponent from the bits, the rest by Math.Log).</summary>
            public static double Log2(double x)
            {
                if (!(x > 0) || double.IsInfinity(x)) return Math.Log(x) / Math.Log(2);
                int bias = 0;
                if (x < Pow2(-1022)) { x *= Pow2(54); bias = 54; } // subnormal: normalize first
                long bits = BitConverter.DoubleToInt64Bits(x);
                int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
                double mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // [1, 2)
                return exponent - bias + (mantissa == 1 ? 0 : Math.Log(mantissa) / Math.Log(2));
            }
        }

        /// <summary>2^n for a normal exponent (-1022..1023).</summary>
        private static double Pow2(int n) => BitConverter.Int64BitsToDouble((long)(0x3FF + n) << 52);

        extension(Random)
        {
            /// <summary>A thread-safe shared generator: one per thread here.</summary>
            public static Random Shared => SharedRandom.Value!;
        }

        private static readonly ThreadLocal<Random> SharedRandom = new(() => new Random());

        extension(Array)
        {
            /// <summary>The largest length of a byte array (.NET's Array.MaxLength).</summary>
            public static int MaxLength => 0x7FFFFFC7;

            public static void Clear(Array array) => Array.Clear(array, 0, array.Length);
        }

        extension(Type type)
        {
            /// <summary>Runtimes before .NET 8 show function pointer types as IntPtr: never one here.</summary>
            public bool IsFunctionPointer => false;
        }

        extension(MethodInfo method)
        {
            public T CreateDelegate<T>() where T : Delegate => (T)method.CreateDelegate(typeof(T));
        }

        extension<T>(List<T> list)
        {
            public void AddRange(ReadOnlySpan<T> items)
            {
                foreach (var item in items) list.Add(item);
            }

            public void AddRange(Span<T> items) => list.AddRange((ReadOnlySpan<T>)items);
        }

        extension(long value)
        {
            /// <summary>The digits as UTF-8 bytes (through a string here: one allocation).</summary>
            public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
                CopyAscii(value.ToString(format.ToString(), provider), utf8Destination, out bytesWritten);
        }

        extension(double value)
        {
            /// <summary>The digits as UTF-8 bytes (through a string here: one allocation).</summary>
            public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
                CopyAscii(value.ToString(format.ToString(), provider), utf8Destination, out bytesWritten);
        }

        private static bool CopyAscii(string text, Span<byte> destination, out int written)
        {
            if (text.Length > destination.Length)
            {
                written = 0;
                return false;
            }
            for (int i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
            written = text.Length;
            return true;
        }

        extension(GC)
        {
            public static T[] AllocateUninitializedArray<T>(int length) => new T[length];
        }

        extension(File)
        {
            public static void Move(string sourceFileName, string destFileName, bool overwrite)
            {
                // rename(2) replaces the target at once; here, the target goes first (not atomic)
                if (overwrite && File.Exists(destFileName)) File.Delete(destFileName);
                File.Move(sourceFileName, destFileName);
            }
        }

        extension(Marshal)
        {
            public static string GetPInvokeErrorMessage(int error) => new ComponentModel.Win32Exception(error).Message;

            public static int GetLastPInvokeError() => Marshal.GetLastWin32Error();
        }

        extension(MemoryMarshal)
        {
            public static unsafe ReadOnlySpan<byte> CreateReadOnlySpanFromNullTerminated(byte* value)
            {
                int length = 0;
                while (value[length] != 0) length++;
                return new ReadOnlySpan<byte>(value, length);
            }
        }
    }
}

namespace System.Threading.Tasks
{
    [Flags]
    internal enum ConfigureAwaitOptions
    {
        None = 0,
        ContinueOnCapturedContext = 1,
        SuppressThrowing = 2,
    }

    internal static class TaskExtensions
    {
        extension(Task task)
        {
            /// <summary>Awaits without rethrowing the task's failure or cancellation when SuppressThrowing is given.</summary>
            public ConfiguredTaskAwaitable ConfigureAwait(ConfigureAwaitOptions options) =>
                (options & ConfigureAwaitOptions.SuppressThrowing) != 0
                    ? task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                        .ConfigureAwait((options & ConfigureAwaitOptions.ContinueOnCapturedContext) != 0)
                    : task.ConfigureAwait((options & ConfigureAwaitOptions.ContinueOnCapturedContext) != 0);

            /// <summary>The task, or a cancellation when <paramref name="cancellationToken"/> fires first.</summary>
            public Task WaitAsync(CancellationToken cancellationToken)
            {
                if (task.IsCompleted || !cancellationToken.CanBeCanceled) return task;
                if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                var registration = cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken));
                return Task.WhenAny(task, cancelled.Task).ContinueWith(first =>
                {
                    registration.Dispose();
                    return first.Result;
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
            }
        }
    }
}

namespace System.Collections.Generic
{
    /// <summary>Equality by reference, whatever Equals the objects override.</summary>
    internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
    {
        public static ReferenceEqualityComparer Instance { get; } = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object? obj) => RuntimeHelpers.GetHashCode(obj!);
    }
}

namespace System.Numerics
{
    internal static class BitOperations
    {
        public static int LeadingZeroCount(uint value)
        {
            if (value == 0) return 32;
            int n = 0;
            while ((value & 0x8000_0000u) == 0) { value <<= 1; n++; }
            return n;
        }

        public static uint RoundUpToPowerOf2(uint value)
        {
            value--;
            value |= value >> 1;
            value |= value >> 2;
            value |= value >> 4;
            value |= value >> 8;
            value |= value >> 16;
            return value + 1;
        }
    }
}

namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
    {
        public string ParameterName { get; } = parameterName;
    }
}
#endif
