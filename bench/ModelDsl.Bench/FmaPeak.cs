using System;
using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Bench;

/// <summary>
/// Measures the single-core FMA throughput with a register-only loop of independent FMA chains: the real peak
/// at the clock the core actually runs (boost), which /proc/cpuinfo's nominal MHz understates.
/// </summary>
internal static class FmaPeak
{
    public static double MeasurePerCore()
    {
        if (!Vector512.IsHardwareAccelerated || !Avx512F.IsSupported)
        {
            return double.NaN;
        }

        Run(1000);
        var best = 0.0;
        for (var round = 0; round < 5; round++)
        {
            const int Iterations = 2_000_000;
            var start = Stopwatch.GetTimestamp();
            var sink = Run(Iterations);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, Iterations * 16.0 * 16 * 2 / seconds * 1e-9);
        }

        return best;
    }

    private static float Run(int iterations)
    {
        var x = Vector512.Create(0.999f);
        var y = Vector512.Create(1e-7f);
        var a0 = Vector512<float>.Zero;
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        var a4 = a0;
        var a5 = a0;
        var a6 = a0;
        var a7 = a0;
        var a8 = a0;
        var a9 = a0;
        var a10 = a0;
        var a11 = a0;
        var a12 = a0;
        var a13 = a0;
        var a14 = a0;
        var a15 = a0;
        for (var i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, x, y);
            a1 = Avx512F.FusedMultiplyAdd(a1, x, y);
            a2 = Avx512F.FusedMultiplyAdd(a2, x, y);
            a3 = Avx512F.FusedMultiplyAdd(a3, x, y);
            a4 = Avx512F.FusedMultiplyAdd(a4, x, y);
            a5 = Avx512F.FusedMultiplyAdd(a5, x, y);
            a6 = Avx512F.FusedMultiplyAdd(a6, x, y);
            a7 = Avx512F.FusedMultiplyAdd(a7, x, y);
            a8 = Avx512F.FusedMultiplyAdd(a8, x, y);
            a9 = Avx512F.FusedMultiplyAdd(a9, x, y);
            a10 = Avx512F.FusedMultiplyAdd(a10, x, y);
            a11 = Avx512F.FusedMultiplyAdd(a11, x, y);
            a12 = Avx512F.FusedMultiplyAdd(a12, x, y);
            a13 = Avx512F.FusedMultiplyAdd(a13, x, y);
            a14 = Avx512F.FusedMultiplyAdd(a14, x, y);
            a15 = Avx512F.FusedMultiplyAdd(a15, x, y);
        }

        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
        return Vector512.Sum(sum);
    }
}
