using System;

namespace ModelDsl.Runtime.Data;

/// <summary>One-hot encoding of class indices (what <c>categorical_crossentropy</c> wants).</summary>
public static class OneHot
{
    public static float[] Encode(ReadOnlySpan<int> classIndices, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var result = new float[classIndices.Length * classCount];
        for (var i = 0; i < classIndices.Length; i++)
        {
            var c = classIndices[i];
            if ((uint)c >= (uint)classCount)
            {
                throw new DataException($"Class index {c} at example {i} is outside 0..{classCount - 1}.");
            }

            result[(i * classCount) + c] = 1f;
        }

        return result;
    }

    /// <summary>The arg-max of each row of <paramref name="values"/> ([N, classCount]).</summary>
    public static int[] Decode(ReadOnlySpan<float> values, int classCount)
    {
        var n = values.Length / classCount;
        var result = new int[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ArgMax(values.Slice(i * classCount, classCount));
        }

        return result;
    }

    internal static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++)
        {
            if (row[j] > row[best])
            {
                best = j;
            }
        }

        return best;
    }
}
