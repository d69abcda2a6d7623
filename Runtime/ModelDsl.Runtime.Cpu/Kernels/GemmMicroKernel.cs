using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// The register-blocked inner kernel: an Mr×Nr tile of C from a packed Mr-tall strip of A (kc steps of Mr
/// values, alpha already applied) and a packed Nr-wide strip of B (kc steps of Nr values).
/// AVX-512: 8×32 (16 zmm accumulators, two B vectors and one broadcast live); AVX2: 6×16 (12 ymm accumulators).
/// Each k step issues 2·Mr independent FMAs, enough to cover FMA latency on both ports.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>True when a SIMD micro-kernel exists for this machine; otherwise callers use the small-product path.</summary>
    public static readonly bool IsAccelerated =
        (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) || (Vector256.IsHardwareAccelerated && Fma.IsSupported);

    private static readonly bool Use512 = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Rows of C per micro-tile.</summary>
    public static readonly int Mr = Use512 ? 8 : 6;

    /// <summary>Columns of C per micro-tile (two vectors).</summary>
    public static readonly int Nr = Use512 ? 32 : 16;

    /// <summary>Largest tile, for the stack buffer that edge tiles are computed into.</summary>
    public const int MaxTile = 8 * 32;

    /// <summary>
    /// C[0..Mr, 0..Nr] = beta·C + A·B over kc steps; beta 0 overwrites (C may hold garbage), 1 accumulates.
    /// Consecutive k steps of B are <paramref name="bStride"/> floats apart: Nr when packed, the row stride when
    /// B is read in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(int kc, float* a, float* b, int bStride, float* c, int ldc, float beta)
    {
        if (Use512)
        {
            Run512(kc, a, b, bStride, c, ldc, beta);
        }
        else
        {
            Run256(kc, a, b, bStride, c, ldc, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run512(int kc, float* a, float* b, int bStride, float* c, int ldc, float beta)
    {
        var c00 = Vector512<float>.Zero;
        var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero;
        var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero;
        var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero;
        var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero;
        var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero;
        var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero;
        var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero;
        var c71 = Vector512<float>.Zero;

        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var av = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(av, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(av, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(av, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(av, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(av, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(av, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(av, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(av, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(av, b1, c71);
            a += 8;
            b += bStride;
        }

        Store512(c, c00, c01, beta);
        Store512(c + ldc, c10, c11, beta);
        Store512(c + (2 * ldc), c20, c21, beta);
        Store512(c + (3 * ldc), c30, c31, beta);
        Store512(c + (4 * ldc), c40, c41, beta);
        Store512(c + (5 * ldc), c50, c51, beta);
        Store512(c + (6 * ldc), c60, c61, beta);
        Store512(c + (7 * ldc), c70, c71, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> v0, Vector512<float> v1, float beta)
    {
        if (beta == 0f)
        {
            Vector512.Store(v0, c);
            Vector512.Store(v1, c + 16);
        }
        else if (beta == 1f)
        {
            Vector512.Store(Vector512.Load(c) + v0, c);
            Vector512.Store(Vector512.Load(c + 16) + v1, c + 16);
        }
        else
        {
            var bv = Vector512.Create(beta);
            Vector512.Store(Avx512F.FusedMultiplyAdd(Vector512.Load(c), bv, v0), c);
            Vector512.Store(Avx512F.FusedMultiplyAdd(Vector512.Load(c + 16), bv, v1), c + 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run256(int kc, float* a, float* b, int bStride, float* c, int ldc, float beta)
    {
        var c00 = Vector256<float>.Zero;
        var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero;
        var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero;
        var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero;
        var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero;
        var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero;
        var c51 = Vector256<float>.Zero;

        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var av = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(av, b0, c00);
            c01 = Fma.MultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(av, b0, c10);
            c11 = Fma.MultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(av, b0, c20);
            c21 = Fma.MultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(av, b0, c30);
            c31 = Fma.MultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(av, b0, c40);
            c41 = Fma.MultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(av, b0, c50);
            c51 = Fma.MultiplyAdd(av, b1, c51);
            a += 6;
            b += bStride;
        }

        Store256(c, c00, c01, beta);
        Store256(c + ldc, c10, c11, beta);
        Store256(c + (2 * ldc), c20, c21, beta);
        Store256(c + (3 * ldc), c30, c31, beta);
        Store256(c + (4 * ldc), c40, c41, beta);
        Store256(c + (5 * ldc), c50, c51, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> v0, Vector256<float> v1, float beta)
    {
        if (beta == 0f)
        {
            Vector256.Store(v0, c);
            Vector256.Store(v1, c + 8);
        }
        else if (beta == 1f)
        {
            Vector256.Store(Vector256.Load(c) + v0, c);
            Vector256.Store(Vector256.Load(c + 8) + v1, c + 8);
        }
        else
        {
            var bv = Vector256.Create(beta);
            Vector256.Store(Fma.MultiplyAdd(Vector256.Load(c), bv, v0), c);
            Vector256.Store(Fma.MultiplyAdd(Vector256.Load(c + 8), bv, v1), c + 8);
        }
    }
}
