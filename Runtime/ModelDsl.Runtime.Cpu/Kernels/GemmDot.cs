using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// C = A·Bᵀ with A and B both stored with k contiguous (a dense layer's forward pass: activations times the
/// [out, in] weight matrix). Every element of C is a dot product of two contiguous rows, so instead of transposing
/// B into strips (as costly as the multiply itself at small batch) a 4×4 tile of C keeps 16 zmm accumulators
/// running along k and reduces them at the end: 8 loads feed 16 FMAs, no packing at all.
/// Blocked over k so the 4 B rows stay in L1 and the A block in L2 while the tile loop sweeps them.
/// </summary>
internal static unsafe class GemmDot
{
    /// <summary>Depth of one pass: 4 B rows × 1024 floats = 16 KiB of L1; an A block of 1024·m floats in L2.</summary>
    private const int KBlock = 1024;

    /// <summary>Whether this path serves the product: both operands k-contiguous, AVX-512, enough depth to vectorise.</summary>
    public static bool Serves(in GemmProblem problem) =>
        problem.TransposeB && !problem.TransposeA && problem.K >= 32 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    public static void Multiply(in GemmProblem problem, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        var k = problem.K;
        for (var pc = 0; pc < k; pc += KBlock)
        {
            var kc = k - pc < KBlock ? k - pc : KBlock;
            var beta = pc == 0 ? problem.Beta : 1f;
            for (var j = columnStart; j < columnEnd; j += 4)
            {
                var columns = columnEnd - j < 4 ? columnEnd - j : 4;
                var b = problem.B + ((long)j * problem.Ldb) + pc;
                for (var i = rowStart; i < rowEnd; i += 4)
                {
                    var rows = rowEnd - i < 4 ? rowEnd - i : 4;
                    var a = problem.A + ((long)i * problem.Lda) + pc;
                    var c = problem.C + ((long)i * problem.Ldc) + j;
                    if (rows == 4 && columns == 4)
                    {
                        Tile4x4(kc, a, problem.Lda, b, problem.Ldb, c, problem.Ldc, problem.Alpha, beta);
                    }
                    else
                    {
                        TileEdge(kc, rows, columns, a, problem.Lda, b, problem.Ldb, c, problem.Ldc, problem.Alpha, beta);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4(int kc, float* a, int lda, float* b, int ldb, float* c, int ldc, float alpha, float beta)
    {
        var a0 = a;
        var a1 = a + lda;
        var a2 = a + (2 * lda);
        var a3 = a + (3 * lda);
        var b0 = b;
        var b1 = b + ldb;
        var b2 = b + (2 * ldb);
        var b3 = b + (3 * ldb);
        var s00 = Vector512<float>.Zero;
        var s01 = Vector512<float>.Zero;
        var s02 = Vector512<float>.Zero;
        var s03 = Vector512<float>.Zero;
        var s10 = Vector512<float>.Zero;
        var s11 = Vector512<float>.Zero;
        var s12 = Vector512<float>.Zero;
        var s13 = Vector512<float>.Zero;
        var s20 = Vector512<float>.Zero;
        var s21 = Vector512<float>.Zero;
        var s22 = Vector512<float>.Zero;
        var s23 = Vector512<float>.Zero;
        var s30 = Vector512<float>.Zero;
        var s31 = Vector512<float>.Zero;
        var s32 = Vector512<float>.Zero;
        var s33 = Vector512<float>.Zero;
        var p = 0;
        for (; p <= kc - 16; p += 16)
        {
            var vb0 = Vector512.Load(b0 + p);
            var vb1 = Vector512.Load(b1 + p);
            var vb2 = Vector512.Load(b2 + p);
            var vb3 = Vector512.Load(b3 + p);
            var va = Vector512.Load(a0 + p);
            s00 = Avx512F.FusedMultiplyAdd(va, vb0, s00);
            s01 = Avx512F.FusedMultiplyAdd(va, vb1, s01);
            s02 = Avx512F.FusedMultiplyAdd(va, vb2, s02);
            s03 = Avx512F.FusedMultiplyAdd(va, vb3, s03);
            va = Vector512.Load(a1 + p);
            s10 = Avx512F.FusedMultiplyAdd(va, vb0, s10);
            s11 = Avx512F.FusedMultiplyAdd(va, vb1, s11);
            s12 = Avx512F.FusedMultiplyAdd(va, vb2, s12);
            s13 = Avx512F.FusedMultiplyAdd(va, vb3, s13);
            va = Vector512.Load(a2 + p);
            s20 = Avx512F.FusedMultiplyAdd(va, vb0, s20);
            s21 = Avx512F.FusedMultiplyAdd(va, vb1, s21);
            s22 = Avx512F.FusedMultiplyAdd(va, vb2, s22);
            s23 = Avx512F.FusedMultiplyAdd(va, vb3, s23);
            va = Vector512.Load(a3 + p);
            s30 = Avx512F.FusedMultiplyAdd(va, vb0, s30);
            s31 = Avx512F.FusedMultiplyAdd(va, vb1, s31);
            s32 = Avx512F.FusedMultiplyAdd(va, vb2, s32);
            s33 = Avx512F.FusedMultiplyAdd(va, vb3, s33);
        }

        var row0 = Reduce4(s00, s01, s02, s03);
        var row1 = Reduce4(s10, s11, s12, s13);
        var row2 = Reduce4(s20, s21, s22, s23);
        var row3 = Reduce4(s30, s31, s32, s33);
        for (; p < kc; p++)
        {
            // The k tail (kc not a multiple of 16): scalar, at most 15 steps.
            var t0 = b0[p];
            var t1 = b1[p];
            var t2 = b2[p];
            var t3 = b3[p];
            var tb = Vector128.Create(t0, t1, t2, t3);
            row0 += a0[p] * tb;
            row1 += a1[p] * tb;
            row2 += a2[p] * tb;
            row3 += a3[p] * tb;
        }

        Store4(c, row0, alpha, beta);
        Store4(c + ldc, row1, alpha, beta);
        Store4(c + (2 * ldc), row2, alpha, beta);
        Store4(c + (3 * ldc), row3, alpha, beta);
    }

    /// <summary>The four horizontal sums of four vectors as one Vector128 (x0, x1, x2, x3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3)
    {
        // 512 → 256: add halves.
        var y0 = x0.GetLower() + x0.GetUpper();
        var y1 = x1.GetLower() + x1.GetUpper();
        var y2 = x2.GetLower() + x2.GetUpper();
        var y3 = x3.GetLower() + x3.GetUpper();

        // Interleave pairs: hadd gives (y0 pair sums, y1 pair sums) per 128-bit lane.
        var h01 = Avx.HorizontalAdd(y0, y1);
        var h23 = Avx.HorizontalAdd(y2, y3);
        var h = Avx.HorizontalAdd(h01, h23);

        // Each 128-bit lane now holds partial sums (x0, x1, x2, x3); add the two lanes.
        return h.GetLower() + h.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* c, Vector128<float> sums, float alpha, float beta)
    {
        var value = sums * alpha;
        if (beta == 0f)
        {
            Vector128.Store(value, c);
        }
        else if (beta == 1f)
        {
            Vector128.Store(Vector128.Load(c) + value, c);
        }
        else
        {
            Vector128.Store((Vector128.Load(c) * beta) + value, c);
        }
    }

    private static void TileEdge(
        int kc, int rows, int columns, float* a, int lda, float* b, int ldb, float* c, int ldc, float alpha, float beta)
    {
        for (var r = 0; r < rows; r++)
        {
            var ar = a + ((long)r * lda);
            for (var s = 0; s < columns; s++)
            {
                var bs = b + ((long)s * ldb);
                var acc = Vector512<float>.Zero;
                var p = 0;
                for (; p <= kc - 16; p += 16)
                {
                    acc = Avx512F.FusedMultiplyAdd(Vector512.Load(ar + p), Vector512.Load(bs + p), acc);
                }

                var sum = Vector512.Sum(acc);
                for (; p < kc; p++)
                {
                    sum += ar[p] * bs[p];
                }

                var target = c + ((long)r * ldc) + s;
                *target = beta == 0f ? alpha * sum : (beta * *target) + (alpha * sum);
            }
        }
    }
}
