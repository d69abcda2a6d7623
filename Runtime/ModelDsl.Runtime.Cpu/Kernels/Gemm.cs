using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major matrices, BLAS semantics:
/// <c>C = alpha · op(A) · op(B) + beta · C</c>, where op(A) is m×k and op(B) is k×n.
/// <c>lda</c>, <c>ldb</c>, <c>ldc</c> are the row strides of the matrices as stored (before transposition).
/// Dense layers and convolutions (through im2col) all come through here.
/// </summary>
/// <remarks>
/// GotoBLAS/BLIS structure: op(B) is packed into NR-wide column strips and op(A) (scaled by alpha) into MR-tall
/// row strips, so the register-blocked FMA micro-kernel (<see cref="GemmMicroKernel"/>) reads both operands
/// sequentially whatever the transposition; kc/mc/nc blocking keeps the strips in L1/L2. Large products are
/// split over <see cref="KernelThreads"/>; tiny ones skip packing. Pack buffers are per thread and reused, so a
/// call allocates nothing after the first.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Below this many multiply-adds packing costs more than it saves.</summary>
    private const long SmallProductMacs = 8 * 1024;

    /// <summary>Below this many multiply-adds a second thread costs more (wake-up, split) than it saves.</summary>
    private const long ParallelProductMacs = 192 * 1024;

    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, KernelThreads.Count);
    }

    /// <summary>The span overload with an explicit upper bound on threads (tests pin 1 and 2).</summary>
    internal static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        int maxThreads)
    {
        CheckArguments(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Multiply(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, maxThreads);
        }
    }

    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, KernelThreads.Count);
    }

    /// <summary>The same product with an explicit upper bound on threads (tests pin 1 and 2).</summary>
    internal static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int maxThreads)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        var problem = new GemmProblem(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (k <= 0 || alpha == 0f)
        {
            GemmBlocked.ScaleC(problem, 0, m, 0, n);
            return;
        }

        var macs = (long)m * n * k;
        if (macs < SmallProductMacs || !GemmMicroKernel.IsAccelerated)
        {
            GemmSmall.Multiply(problem);
            return;
        }

        var threads = macs < ParallelProductMacs ? 1 : maxThreads;
        if (threads <= 1)
        {
            GemmBlocked.Multiply(problem, 0, m, 0, n);
            return;
        }

        GemmParallelJob.Run(problem, threads);
    }

    private static void CheckArguments(
        bool transposeA, bool transposeB, int m, int n, int k, int aLength, int lda, int bLength, int ldb,
        int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"GEMM sizes must not be negative (m={m}, n={n}, k={k}).");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        Check("A", transposeA ? k : m, transposeA ? m : k, aLength, lda);
        Check("B", transposeB ? n : k, transposeB ? k : n, bLength, ldb);
        Check("C", m, n, cLength, ldc);

        static void Check(string name, int rows, int columns, int length, int ld)
        {
            if (rows == 0 || columns == 0)
            {
                return;
            }

            if (ld < columns)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(ld), $"GEMM: leading dimension of {name} ({ld}) is smaller than its {columns} columns.");
            }

            if (((long)(rows - 1) * ld) + columns > length)
            {
                throw new ArgumentException(
                    $"GEMM: {name} holds {length} floats but a {rows}×{columns} matrix with stride {ld} needs " +
                    $"{((long)(rows - 1) * ld) + columns}.",
                    name);
            }
        }
    }
}
