using System;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// Deterministic pseudo-random generator (xoshiro256**, seeded through SplitMix64). The same seed gives
/// the same initial weights, dropout masks and shuffles on every machine and .NET version.
/// Not thread-safe: use one per thread.
/// </summary>
public sealed class Generator
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a seed.</summary>
    public Generator(long seed) => Reseed(seed);

    /// <summary>Restarts the sequence from <paramref name="seed"/>.</summary>
    public void Reseed(long seed)
    {
        var x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The generator's position as text (four 64-bit words in hex), for checkpoints: a resumed run then draws
    /// the same numbers (dropout masks) as an uninterrupted one.</summary>
    public string SaveState() => string.Join(":", new[] { _s0, _s1, _s2, _s3 }.Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>Continues from a position written by <see cref="SaveState"/>.</summary>
    /// <exception cref="FormatException">The text is not such a position.</exception>
    public void RestoreState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var words = state.Split(':');
        if (words.Length != 4 || !words.All(w => w.Length == 16 && ulong.TryParse(w, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"'{state}' is not a random generator state (four 16-digit hex words separated by ':')");
        }

        _s0 = ulong.Parse(words[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _s1 = ulong.Parse(words[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _s2 = ulong.Parse(words[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _s3 = ulong.Parse(words[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>Uniform float in [0, 1).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [low, high).</summary>
    public float Uniform(float low, float high) => low + ((high - low) * NextSingle());

    /// <summary>Standard normal sample (Box–Muller).</summary>
    public float Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        }

        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
