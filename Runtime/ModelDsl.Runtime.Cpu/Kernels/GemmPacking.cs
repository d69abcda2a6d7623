using System.Runtime.Intrinsics;

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
