using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Growable per-thread work buffers for kernels other than GEMM's packing (im2col columns, gathered gradients,
/// partial sums). Pinned, 64-byte aligned, reused: after the first step of a training run nothing is allocated.
/// </summary>
internal sealed unsafe class KernelScratch
{
    private const int Slots = 5;

    [ThreadStatic]
    private static KernelScratch? _current;

    private readonly float[][] _arrays = new float[Slots][];
    private readonly nint[] _aligned = new nint[Slots];
    private readonly long[] _capacity = new long[Slots];

    public static KernelScratch ForCurrentThread() => _current ??= new KernelScratch();

    /// <summary>At least <paramref name="floats"/> floats in buffer <paramref name="slot"/> (0..4); contents undefined.</summary>
    public float* Get(int slot, long floats)
    {
        if (_capacity[slot] < floats)
        {
            var size = Math.Max(floats, _capacity[slot] * 3 / 2);
            var array = GC.AllocateUninitializedArray<float>(checked((int)size + 16), pinned: true);
            fixed (float* p = array)
            {
                // Pinned object heap: the address stays valid outside the fixed block.
                _aligned[slot] = ((nint)p + 63) & ~(nint)63;
            }

            _arrays[slot] = array;
            _capacity[slot] = size;
        }

        return (float*)_aligned[slot];
    }
}
