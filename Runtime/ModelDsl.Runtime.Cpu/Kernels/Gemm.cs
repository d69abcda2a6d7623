using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major matrices, BLAS semantics:
/// <c>C = alpha · op(A) · op(B) + beta · C</c>, where op(A) is m×k and op(B) is k×n.
/// <c>lda</c>, <c>ldb</c>, <c>ldc</c> are the row strides of the matrices as stored (before transposition).
/// Dense layers and convolutions (through im2col) all come through here.
/// </summary>
public static unsafe class Gemm
{
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            Multiply(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        // Reference implementation: correct for every case; the blocked SIMD kernel replaces its inside.
        for (var i = 0; i < m; i++)
        {
            var row = c + ((long)i * ldc);
            for (var j = 0; j < n; j++)
            {
                row[j] = beta == 0f ? 0f : row[j] * beta;
            }

            for (var p = 0; p < k; p++)
            {
                var aip = alpha * (transposeA ? a[((long)p * lda) + i] : a[((long)i * lda) + p]);
                if (aip == 0f)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    row[j] += aip * (transposeB ? b[((long)j * ldb) + p] : b[((long)p * ldb) + j]);
                }
            }
        }
    }
}
