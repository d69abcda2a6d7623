using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the strip layouts the micro-kernel reads sequentially:
/// A as Mr-tall strips (for each k step, Mr row values, scaled by alpha), B as Nr-wide strips (for each k step,
/// Nr column values). Strips past the matrix edge are zero-padded so the kernel never branches.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[rows i0..i0+mc, k p0..p0+kc]·alpha.</summary>
    public static void PackA(in GemmProblem problem, int i0, int mc, int p0, int kc, float* dst)
    {
        var mr = GemmMicroKernel.Mr;
        var alpha = problem.Alpha;
        for (var s = 0; s < mc; s += mr)
        {
            var rows = mc - s < mr ? mc - s : mr;
            var strip = dst + ((long)s * kc);
            if (problem.TransposeA)
            {
                // A is stored k×m: for a fixed k the strip's rows are contiguous.
                for (var p = 0; p < kc; p++)
                {
                    var src = problem.A + ((long)(p0 + p) * problem.Lda) + i0 + s;
                    var d = strip + (p * mr);
                    var r = 0;
                    for (; r < rows; r++)
                    {
                        d[r] = alpha * src[r];
                    }

                    for (; r < mr; r++)
                    {
                        d[r] = 0f;
                    }
                }
            }
            else
            {
                // A is stored m×k: read each row sequentially, scatter with stride mr (stays in L1).
                for (var r = 0; r < rows; r++)
                {
                    var src = problem.A + ((long)(i0 + s + r) * problem.Lda) + p0;
                    var d = strip + r;
                    for (var p = 0; p < kc; p++)
                    {
                        d[p * mr] = alpha * src[p];
                    }
                }

                for (var r = rows; r < mr; r++)
                {
                    var d = strip + r;
                    for (var p = 0; p < kc; p++)
                    {
                        d[p * mr] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[k p0..p0+kc, columns j0..j0+nc].</summary>
    public static void PackB(in GemmProblem problem, int p0, int kc, int j0, int nc, float* dst)
    {
        var nr = GemmMicroKernel.Nr;
        for (var s = 0; s < nc; s += nr)
        {
            var columns = nc - s < nr ? nc - s : nr;
            var strip = dst + ((long)s * kc);
            if (!problem.TransposeB)
            {
                // B is stored k×n: each k step of the strip is a contiguous run of the source row.
                for (var p = 0; p < kc; p++)
                {
                    var src = problem.B + ((long)(p0 + p) * problem.Ldb) + j0 + s;
                    var d = strip + (p * nr);
                    if (columns == nr)
                    {
                        CopyFull(src, d, nr);
                    }
                    else
                    {
                        var j = 0;
                        for (; j < columns; j++)
                        {
                            d[j] = src[j];
                        }

                        for (; j < nr; j++)
                        {
                            d[j] = 0f;
                        }
                    }
                }
            }
            else
            {
                // B is stored n×k: read each source row (one column of op(B)) sequentially.
                if (columns == nr && Avx.IsSupported && nr % 8 == 0)
                {
                    // A full strip is transposed 8×8 in registers: element-wise, the packing costs as much as the
                    // multiply when op(A) has few rows (a convolution's weight gradient).
                    PackTransposedStrip(problem.B + ((long)(j0 + s) * problem.Ldb) + p0, problem.Ldb, kc, nr, strip);
                    continue;
                }

                for (var j = 0; j < columns; j++)
                {
                    var src = problem.B + ((long)(j0 + s + j) * problem.Ldb) + p0;
                    var d = strip + j;
                    for (var p = 0; p < kc; p++)
                    {
                        d[p * nr] = src[p];
                    }
                }

                for (var j = columns; j < nr; j++)
                {
                    var d = strip + j;
                    for (var p = 0; p < kc; p++)
                    {
                        d[p * nr] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One full Nr-wide strip of a transposed B: <paramref name="src"/> holds nr rows of (at least) kc floats, stride
    /// <paramref name="ldb"/>; step p of the strip gets element p of every row. 8×8 blocks go through registers,
    /// the last kc mod 8 steps element by element.
    /// </summary>
    private static void PackTransposedStrip(float* src, int ldb, int kc, int nr, float* strip)
    {
        var full = kc - (kc % 8);
        for (var j = 0; j < nr; j += 8)
        {
            var rows = src + ((long)j * ldb);
            for (var p = 0; p < full; p += 8)
            {
                Transpose8x8(rows + p, ldb, strip + ((long)p * nr) + j, nr);
            }

            for (var r = 0; r < 8; r++)
            {
                var row = rows + ((long)r * ldb);
                for (var p = full; p < kc; p++)
                {
                    strip[((long)p * nr) + j + r] = row[p];
                }
            }
        }
    }

    /// <summary>dst[q·dstStride + r] = src[r·srcStride + q] for an 8×8 block.</summary>
    private static void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + (2L * srcStride));
        var r3 = Avx.LoadVector256(src + (3L * srcStride));
        var r4 = Avx.LoadVector256(src + (4L * srcStride));
        var r5 = Avx.LoadVector256(src + (5L * srcStride));
        var r6 = Avx.LoadVector256(src + (6L * srcStride));
        var r7 = Avx.LoadVector256(src + (7L * srcStride));

        // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves: the classic 24-shuffle transpose.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + (2L * dstStride), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + (3L * dstStride), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + (4L * dstStride), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + (5L * dstStride), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + (6L * dstStride), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + (7L * dstStride), Avx.Permute2x128(u3, u7, 0x31));
    }

    private static void CopyFull(float* src, float* dst, int count)
    {
        if (Vector512.IsHardwareAccelerated && count == 32)
        {
            Vector512.Store(Vector512.Load(src), dst);
            Vector512.Store(Vector512.Load(src + 16), dst + 16);
        }
        else if (Vector256.IsHardwareAccelerated && count == 16)
        {
            Vector256.Store(Vector256.Load(src), dst);
            Vector256.Store(Vector256.Load(src + 8), dst + 8);
        }
        else
        {
            for (var j = 0; j < count; j++)
            {
                dst[j] = src[j];
            }
        }
    }
}
