using System;
using System.Diagnostics;

namespace ModelDsl.Bench.Generator;

/// <summary>
/// Processor time per call, printed once before BenchmarkDotNet's wall-clock figures. On a shared, oversubscribed
/// machine wall time mostly measures waiting for a core; the work is single-threaded, so processor time is the
/// better estimate of what the generator costs on an idle developer machine.
/// </summary>
public static class CpuTime
{
    // Enough calls for tiered compilation to promote the hot methods, as BenchmarkDotNet's warm-up does.
    private const int Warmup = 60;
    private const int Iterations = 20;

    private static bool _reported;

    public static void ReportOnce(CompilerBenchmarks benchmarks)
    {
        if (_reported)
        {
            return;
        }

        _reported = true;
        Report("ResNet50Check", () => benchmarks.ResNet50Check());
        Report("ResNet50Emit", () => benchmarks.ResNet50Emit());
        Report("Project50FilesParse", () => benchmarks.Project50FilesParse());
        Report("Project50FilesCheck", () => benchmarks.Project50FilesCheck());
        Report("Project50FilesEmit", () => benchmarks.Project50FilesEmit());
    }

    public static void ReportOnce(GeneratorBenchmarks benchmarks)
    {
        if (_reported)
        {
            return;
        }

        _reported = true;
        Report("ResNet50", () => benchmarks.ResNet50());
        Report("ResNet152", () => benchmarks.ResNet152());
        Report("Project50Files", () => benchmarks.Project50Files());
        Report("Project50FilesEditOne", () => benchmarks.Project50FilesEditOne());
    }

    private static void Report(string name, Action action)
    {
        for (var i = 0; i < Warmup; i++)
        {
            action();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            action();
        }

        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Iterations;
        Console.WriteLine($"// cpu-time {name}: {cpu:F2} ms processor time per call ({wall.Elapsed.TotalMilliseconds / Iterations:F2} ms wall)");
    }
}
