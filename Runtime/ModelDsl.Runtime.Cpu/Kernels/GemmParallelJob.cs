using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Splits one product into disjoint rectangles of C, each computed by the serial blocked loops with the running
/// thread's own pack buffers (no barriers). The split is along n when m ≤ n (each part then re-packs the smaller
/// A), else along m; boundaries fall on micro-tile multiples. A few parts per thread, claimed dynamically, keep
/// both cores busy even when one of them is taken by another process for a while.
/// </summary>
internal sealed class GemmParallelJob : IParallelWork
{
    private const int PartsPerThread = 4;

    /// <summary>Parts smaller than this cost more in re-packing and dispatch than their balance is worth.</summary>
    private const long MinPartMacs = 96 * 1024;

    [ThreadStatic]
    private static GemmParallelJob? _cached;

    private GemmProblem _problem;
    private bool _splitColumns;
    private int _chunk;

    public static void Run(in GemmProblem problem, int threads)
    {
        var job = _cached ?? new GemmParallelJob();
        _cached = null; // a nested call on this thread (not expected) gets its own object
        try
        {
            var m = problem.M;
            var n = problem.N;
            var mr = GemmMicroKernel.Mr;
            var nr = GemmMicroKernel.Nr;
            job._problem = problem;
            job._splitColumns = m <= n ? n >= 2 * nr : m < 2 * mr;
            var unit = job._splitColumns ? nr : mr;
            var extent = job._splitColumns ? n : m;
            var units = (extent + unit - 1) / unit;
            var macs = (long)m * n * problem.K;
            var parts = (int)Math.Clamp(Math.Min(Math.Min(units, threads * PartsPerThread), macs / MinPartMacs), 1, int.MaxValue);
            job._chunk = ((units + parts - 1) / parts) * unit;
            parts = (extent + job._chunk - 1) / job._chunk;
            KernelThreads.Run(job, parts, threads);
        }
        finally
        {
            job._problem = default;
            _cached = job;
        }
    }

    public void Execute(int part, int parts)
    {
        var extent = _splitColumns ? _problem.N : _problem.M;
        var start = part * _chunk;
        var end = Math.Min(extent, start + _chunk);
        if (start >= end)
        {
            return;
        }

        if (_splitColumns)
        {
            GemmBlocked.Multiply(_problem, 0, _problem.M, start, end);
        }
        else
        {
            GemmBlocked.Multiply(_problem, start, end, 0, _problem.N);
        }
    }
}
