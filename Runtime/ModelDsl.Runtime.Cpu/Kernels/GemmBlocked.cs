namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// The cache-blocked loops around the micro-kernel for one rectangle of C (one thread's share):
/// jc (Nc columns) → pc (Kc depth, B block packed, fits L2) → ic (Mc rows, A block packed) → jr (one Nr strip
/// of B, stays in L1) → ir (Mr strips of A streamed from L2) → micro-kernel.
/// </summary>
internal static unsafe class GemmBlocked
{
    /// <summary>Depth of a packed block: a B strip (Kc·Nr floats, 32 KiB with AVX-512) fits the 48 KiB L1.</summary>
    public const int Kc = 256;

    /// <summary>Rows of a packed A block (Mc·Kc floats = 128 KiB, in L2); a multiple of every Mr.</summary>
    public const int Mc = 144;

    /// <summary>Columns of a packed B block (Kc·Nc floats = 1 MiB); a multiple of every Nr.</summary>
    public const int Nc = 1024;

    public static void Multiply(in GemmProblem problem, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        if (GemmDot.Serves(problem))
        {
            GemmDot.Multiply(problem, rowStart, rowEnd, columnStart, columnEnd);
            return;
        }

        var mr = GemmMicroKernel.Mr;
        var nr = GemmMicroKernel.Nr;
        var scratch = GemmScratch.ForCurrentThread();
        var packedA = scratch.A;
        var packedB = scratch.B;
        var tile = stackalloc float[GemmMicroKernel.MaxTile];
        var k = problem.K;

        // With one A block (few rows) every B strip is used by one sweep only: packing B would copy it to read it
        // once, so full strips are read in place and only a ragged last strip is packed (zero-padded).
        var directB = !problem.TransposeB && rowEnd - rowStart <= Mc;

        for (var jc = columnStart; jc < columnEnd; jc += Nc)
        {
            var nc = columnEnd - jc < Nc ? columnEnd - jc : Nc;
            for (var pc = 0; pc < k; pc += Kc)
            {
                var kc = k - pc < Kc ? k - pc : Kc;
                var beta = pc == 0 ? problem.Beta : 1f;
                if (!directB)
                {
                    GemmPacking.PackB(problem, pc, kc, jc, nc, packedB);
                }
                else if (nc % nr != 0)
                {
                    var ragged = nc - (nc % nr);
                    GemmPacking.PackB(problem, pc, kc, jc + ragged, nc - ragged, packedB);
                }

                for (var ic = rowStart; ic < rowEnd; ic += Mc)
                {
                    var mc = rowEnd - ic < Mc ? rowEnd - ic : Mc;
                    GemmPacking.PackA(problem, ic, mc, pc, kc, packedA);
                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var columns = nc - jr < nr ? nc - jr : nr;
                        var stripB = packedB + ((long)jr * kc);
                        var bStride = nr;
                        if (directB)
                        {
                            if (columns == nr)
                            {
                                stripB = problem.B + ((long)pc * problem.Ldb) + jc + jr;
                                bStride = problem.Ldb;
                            }
                            else
                            {
                                stripB = packedB;
                            }
                        }

                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = mc - ir < mr ? mc - ir : mr;
                            var stripA = packedA + ((long)ir * kc);
                            var target = problem.C + ((long)(ic + ir) * problem.Ldc) + jc + jr;
                            if (rows == mr && columns == nr)
                            {
                                GemmMicroKernel.Run(kc, stripA, stripB, bStride, target, problem.Ldc, beta);
                            }
                            else
                            {
                                GemmMicroKernel.Run(kc, stripA, stripB, bStride, tile, nr, 0f);
                                MergeTile(tile, nr, target, problem.Ldc, rows, columns, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>C = beta·C on a rectangle (the whole product when k is 0 or alpha is 0); beta 0 clears NaNs too.</summary>
    public static void ScaleC(in GemmProblem problem, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        var beta = problem.Beta;
        if (beta == 1f)
        {
            return;
        }

        for (var i = rowStart; i < rowEnd; i++)
        {
            var row = new System.Span<float>(problem.C + ((long)i * problem.Ldc) + columnStart, columnEnd - columnStart);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    private static void MergeTile(float* tile, int tileStride, float* c, int ldc, int rows, int columns, float beta)
    {
        for (var r = 0; r < rows; r++)
        {
            var src = tile + (r * tileStride);
            var dst = c + ((long)r * ldc);
            if (beta == 0f)
            {
                for (var j = 0; j < columns; j++)
                {
                    dst[j] = src[j];
                }
            }
            else if (beta == 1f)
            {
                for (var j = 0; j < columns; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                for (var j = 0; j < columns; j++)
                {
                    dst[j] = (beta * dst[j]) + src[j];
                }
            }
        }
    }
}
