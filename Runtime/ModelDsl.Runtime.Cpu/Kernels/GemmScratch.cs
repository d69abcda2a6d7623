using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// One thread's pack buffers, 64-byte aligned and reused across calls so that a GEMM allocates nothing after the
/// first call on a thread. Pinned managed arrays rather than native memory, so a thread's buffers die with it.
/// </summary>
internal sealed unsafe class GemmScratch
{
    [ThreadStatic]
    private static GemmScratch? _current;

    private readonly float[] _a;
    private readonly float[] _b;

    private GemmScratch()
    {
        _a = GC.AllocateUninitializedArray<float>((GemmBlocked.Mc * GemmBlocked.Kc) + 16, pinned: true);
        _b = GC.AllocateUninitializedArray<float>((GemmBlocked.Kc * GemmBlocked.Nc) + 16, pinned: true);
        A = Align(_a);
        B = Align(_b);
    }

    /// <summary>Packed A block: Mc×Kc floats.</summary>
    public float* A { get; }

    /// <summary>Packed B block: Kc×Nc floats.</summary>
    public float* B { get; }

    public static GemmScratch ForCurrentThread() => _current ??= new GemmScratch();

    private static float* Align(float[] pinned)
    {
        fixed (float* p = pinned)
        {
            // The array lives on the pinned object heap, so the address stays valid after the fixed block.
            return (float*)(((nint)p + 63) & ~(nint)63);
        }
    }
}
