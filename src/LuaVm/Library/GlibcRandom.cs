namespace LuaVm.Library;

/// <summary>
/// The generator behind lua5.1's math.random on Linux: glibc's rand() (random_r's TYPE_3, an
/// additive feedback generator over 31 words with a separation of 3), seeded by srand as glibc
/// seeds it. The same seed gives the same sequence as lua5.1, so a program's "random" output
/// matches the reference; an unseeded state starts as glibc's does, as if seeded with 1.
/// Written from the algorithm's published description (the glibc manual's random_r/srandom_r
/// and the well-known r[i] = r[i-31] + r[i-3] form), not from glibc's source.
/// </summary>
internal sealed class GlibcRandom
{
    /// <summary>RAND_MAX on glibc.</summary>
    public const int RandMax = int.MaxValue;

    private const int Degree = 31, Separation = 3;
    private readonly int[] _state = new int[Degree];
    private int _front, _rear; // indexes of fptr and rptr

    public GlibcRandom() => Seed(1);

    /// <summary>srand(seed): seed is C's unsigned int; 0 counts as 1.</summary>
    public void Seed(uint seed)
    {
        if (seed == 0) seed = 1;
        int word = unchecked((int)seed);
        _state[0] = word;
        for (int i = 1; i < Degree; i++)
        {
            // state[i] = 16807 * state[i - 1] % 2147483647, in Schrage's form (C division truncates)
            long hi = word / 127773, lo = word % 127773;
            long next = 16807 * lo - 2836 * hi;
            if (next < 0) next += 2147483647;
            word = (int)next;
            _state[i] = word;
        }
        _front = Separation;
        _rear = 0;
        for (int i = 0; i < Degree * 10; i++) Next(); // the first 310 outputs are thrown away
    }

    /// <summary>rand(): 0 to <see cref="RandMax"/>.</summary>
    public int Next()
    {
        uint value = unchecked((uint)_state[_front] + (uint)_state[_rear]);
        _state[_front] = unchecked((int)value);
        if (++_front == Degree) _front = 0;
        if (++_rear == Degree) _rear = 0;
        return (int)(value >> 1);
    }
}
