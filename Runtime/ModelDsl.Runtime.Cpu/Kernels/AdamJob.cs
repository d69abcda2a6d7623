using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>A large Adam update split into contiguous ranges claimed by the kernel threads; reused per thread.</summary>
internal sealed class AdamJob : IParallelWork
{
    [ThreadStatic]
    private static AdamJob? _cached;

    private AdamArrays _arrays;
    private AdamCoefficients _coefficients;
    private int _length;
    private int _partLength;

    public static void Run(in AdamArrays arrays, int length, int partLength, AdamCoefficients coefficients)
    {
        var job = _cached ?? new AdamJob();
        _cached = null;
        try
        {
            job._arrays = arrays;
            job._coefficients = coefficients;
            job._length = length;
            job._partLength = partLength;
            KernelThreads.Run(job, (length + partLength - 1) / partLength, KernelThreads.Count);
        }
        finally
        {
            job._arrays = default;
            _cached = job;
        }
    }

    public void Execute(int part, int parts)
    {
        var start = part * _partLength;
        AdamKernel.Run(_arrays, start, Math.Min(_length, start + _partLength), _coefficients);
    }
}
