using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.Intrinsics;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Bench;

/// <summary>
/// `gemm`: GFLOP/s of <see cref="Gemm"/> on the products one training step of the benchmark models issues
/// (dense forward/backward at batch 32 and 128, the convnet's batched im2col products at batch 64), on 1 thread and
/// on --threads, against the machine's FMA peak.
/// </summary>
internal static class GemmCommand
{
    public static int Run(string[] args)
    {
        var options = new BenchOptions(args, "threads", "seconds", "filter");
        var filter = options.Text("filter", string.Empty);
        var threads = options.Int("threads", Environment.ProcessorCount, 1, 256);
        var seconds = options.Int("seconds", 1, 1, 60) * 0.25;

        var megahertz = ReadMegahertz();
        var lanes = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 1;
        var peakPerCore = megahertz * 1e-3 * 2 /* FMA units */ * 2 /* flops per FMA */ * lanes;
        Console.WriteLine(
            $"cpu {megahertz:F0} MHz, {Environment.ProcessorCount} cores, {lanes}-lane FMA: peak {peakPerCore:F1} GFLOP/s per core, " +
            $"{peakPerCore * threads:F1} on {threads}");
        var measuredPeak = FmaPeak.MeasurePerCore();
        Console.WriteLine(
            $"measured FMA peak (register-only loop, boost clock): {measuredPeak:F1} GFLOP/s per core, " +
            $"{measuredPeak * threads:F1} on {threads} (≈ {measuredPeak / 64 * 1000:F0} MHz effective)");
        Console.WriteLine($"{"product",-34} {"m",6} {"n",6} {"k",5} {"1 thread",9} {threads + " threads",10} {"% measured peak",16} {"1 thread per CPU-second",24}");

        var shapes = new (string Name, bool TransposeA, bool TransposeB, int M, int N, int K)[]
        {
            ("dense 784→512 fwd  b=32", false, true, 32, 512, 784),
            ("dense 784→512 dW   b=32", true, false, 512, 784, 32),
            ("dense 512→512 fwd  b=32", false, true, 32, 512, 512),
            ("dense 512→512 dX   b=32", false, false, 32, 512, 512),
            ("dense 512→512 dW   b=32", true, false, 512, 512, 32),
            ("dense 512→10 fwd   b=32", false, true, 32, 10, 512),
            ("dense 784→512 fwd  b=128", false, true, 128, 512, 784),
            ("dense 784→512 dW   b=128", true, false, 512, 784, 128),
            ("dense 512→512 fwd  b=128", false, true, 128, 512, 512),
            ("dense 512→512 dX   b=128", false, false, 128, 512, 512),
            ("dense 512→512 dW   b=128", true, false, 512, 512, 128),
            ("conv1 fwd b=64 (col 9×43264)", false, false, 32, 43264, 9),
            ("conv2 fwd b=64 (col 288×7744)", false, false, 64, 7744, 288),
            ("conv2 dW  b=64", false, true, 64, 288, 7744),
            ("conv2 dcol b=64", true, false, 288, 7744, 64),
            ("conv3 fwd b=64 (col 576×576)", false, false, 64, 576, 576),
            ("square 1024", false, false, 1024, 1024, 1024),
        };

        foreach (var (name, transposeA, transposeB, m, n, k) in shapes)
        {
            if (!name.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }

            var single = Measure(transposeA, transposeB, m, n, k, 1, seconds);
            var singleCpu = MeasureCpuTime(transposeA, transposeB, m, n, k, seconds);
            var multi = Measure(transposeA, transposeB, m, n, k, threads, seconds);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-34} {m,6} {n,6} {k,5} {single,9:F1} {multi,10:F1} {100 * multi / (measuredPeak * threads),6:F0}% {singleCpu,10:F1}"));
        }

        return 0;
    }

    private static double Measure(bool transposeA, bool transposeB, int m, int n, int k, int threads, double seconds)
    {
        var random = new Random(1);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble();
        }

        for (var i = 0; i < b.Length; i++)
        {
            b[i] = (float)random.NextDouble();
        }

        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        var previous = KernelThreads.Count;
        KernelThreads.Count = threads;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
            }

            // Best of several timed rounds: the machine is shared, the best round is the least disturbed one.
            var best = double.MaxValue;
            var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            do
            {
                var start = Stopwatch.GetTimestamp();
                var calls = 0;
                do
                {
                    Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
                    calls++;
                }
                while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < 20);

                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / calls);
            }
            while (Stopwatch.GetTimestamp() < deadline);

            return 2.0 * m * n * k / best * 1e-9;
        }
        finally
        {
            KernelThreads.Count = previous;
        }
    }

    /// <summary>
    /// Single-thread GFLOP/s per second of CPU time the process actually got: on a machine shared with other work
    /// this stays close to the quiet-machine figure while wall-clock rates collapse.
    /// </summary>
    private static double MeasureCpuTime(bool transposeA, bool transposeB, int m, int n, int k, double seconds)
    {
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        a.AsSpan().Fill(0.5f);
        b.AsSpan().Fill(0.25f);
        var lda = transposeA ? m : k;
        var ldb = transposeB ? k : n;
        var previous = KernelThreads.Count;
        KernelThreads.Count = 1;
        try
        {
            Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
            var process = Process.GetCurrentProcess();
            var cpuStart = process.TotalProcessorTime;
            var wallStart = Stopwatch.GetTimestamp();
            var calls = 0;
            do
            {
                Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
                calls++;
            }
            while (Stopwatch.GetElapsedTime(wallStart).TotalSeconds < seconds);

            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            return 2.0 * m * n * k * calls / cpu * 1e-9;
        }
        finally
        {
            KernelThreads.Count = previous;
        }
    }

    private static double ReadMegahertz()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("cpu MHz", StringComparison.Ordinal))
                {
                    return double.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 2000;
    }
}
