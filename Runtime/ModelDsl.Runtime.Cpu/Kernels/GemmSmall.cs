using System;
using System.Numerics.Tensors;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Products too small to repay packing (and the fallback on machines without a SIMD micro-kernel): row-wise
/// AXPYs or dot products on the operands as stored, vectorised by <see cref="TensorPrimitives"/>.
/// </summary>
internal static unsafe class GemmSmall
{
    public static void Multiply(in GemmProblem problem)
    {
        var m = problem.M;
        var n = problem.N;
        var k = problem.K;
        GemmBlocked.ScaleC(problem, 0, m, 0, n);
        if (problem.TransposeB && !problem.TransposeA)
        {
            // Both operands have k contiguous: each C element is a dot product.
            for (var i = 0; i < m; i++)
            {
                var aRow = new ReadOnlySpan<float>(problem.A + ((long)i * problem.Lda), k);
                var cRow = problem.C + ((long)i * problem.Ldc);
                for (var j = 0; j < n; j++)
                {
                    var bRow = new ReadOnlySpan<float>(problem.B + ((long)j * problem.Ldb), k);
                    cRow[j] += problem.Alpha * TensorPrimitives.Dot(aRow, bRow);
                }
            }

            return;
        }

        for (var i = 0; i < m; i++)
        {
            var cRow = new Span<float>(problem.C + ((long)i * problem.Ldc), n);
            for (var p = 0; p < k; p++)
            {
                var aip = problem.Alpha * problem.OpA(i, p);
                if (problem.TransposeB)
                {
                    for (var j = 0; j < n; j++)
                    {
                        cRow[j] += aip * problem.B[((long)j * problem.Ldb) + p];
                    }
                }
                else
                {
                    var bRow = new ReadOnlySpan<float>(problem.B + ((long)p * problem.Ldb), n);
                    TensorPrimitives.MultiplyAdd(bRow, aip, cRow, cRow);
                }
            }
        }
    }
}
