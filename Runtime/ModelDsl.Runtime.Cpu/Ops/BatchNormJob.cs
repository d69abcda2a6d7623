using System;
using ModelDsl.Runtime.Cpu.Kernels;

namespace ModelDsl.Runtime.Cpu;

/// <summary>A batch-norm pass split into channel ranges claimed by the kernel threads; reused per thread.</summary>
internal sealed class BatchNormJob : IParallelWork
{
    private const int PartsPerThread = 4;

    [ThreadStatic]
    private static BatchNormJob? _cached;

    private BatchNormArgs _args;
    private bool _backward;
    private int _channelsPerPart;

    public static void Run(in BatchNormArgs args, bool backward)
    {
        var job = _cached ?? new BatchNormJob();
        _cached = null;
        try
        {
            var threads = KernelThreads.Count;
            var parts = Math.Min(args.C, threads * PartsPerThread);
            job._args = args;
            job._backward = backward;
            job._channelsPerPart = (args.C + parts - 1) / parts;
            KernelThreads.Run(job, (args.C + job._channelsPerPart - 1) / job._channelsPerPart, threads);
        }
        finally
        {
            job._args = default;
            _cached = job;
        }
    }

    public void Execute(int part, int parts)
    {
        var first = part * _channelsPerPart;
        BatchNormKernels.Channels(_args, _backward, first, Math.Min(_args.C, first + _channelsPerPart));
    }
}
