using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>Max pooling split into ranges of planes claimed by the kernel threads; reused per calling thread.</summary>
internal sealed class MaxPoolJob : IParallelWork
{
    [ThreadStatic]
    private static MaxPoolJob? _cached;

    private MaxPoolPlanes _planes;
    private int _count;
    private int _perPart;

    public static void Run(in MaxPoolPlanes planes, int count, int perPart, int parts)
    {
        var job = _cached ?? new MaxPoolJob();
        _cached = null;
        try
        {
            job._planes = planes;
            job._count = count;
            job._perPart = perPart;
            KernelThreads.Run(job, parts, KernelThreads.Count);
        }
        finally
        {
            job._planes = default;
            _cached = job;
        }
    }

    public void Execute(int part, int parts)
    {
        var first = part * _perPart;
        MaxPool2dKernel.Planes(_planes, first, Math.Min(_count, first + _perPart));
    }
}
