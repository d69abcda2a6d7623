using System;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>Index of the largest value of each row of [N, C] (predicted classes); not differentiable.</summary>
    public static int[] ArgMax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 2, "argmax", "[N, classes]");
        int n = x.ShapeArray[0], c = x.ShapeArray[1];
        var result = new int[n];
        var data = x.Buffer;
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var j = 1; j < c; j++)
            {
                if (data[(i * c) + j] > data[(i * c) + best])
                {
                    best = j;
                }
            }

            result[i] = best;
        }

        return result;
    }
}
