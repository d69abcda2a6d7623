using System;
using System.Linq;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary>
/// A fitted normalisation: x' = (x − Shift[g]) · Multiplier[g], where g is the channel (images), the feature
/// (vectors) or the single group. Its parameters are plain numbers, so they can be saved with a model.
/// </summary>
public sealed record Normalizer(double[] Shift, double[] Multiplier)
{
    public static Normalizer Identity { get; } = new([0.0], [1.0]);

    /// <summary>True when <see cref="Apply(Span{float}, int[])"/> leaves every value as it is (shift 0, multiplier 1 in every group).</summary>
    public bool IsIdentity => Array.TrueForAll(Shift, s => s == 0.0) && Array.TrueForAll(Multiplier, m => m == 1.0);

    /// <summary>Normalises a batch of examples of <paramref name="exampleShape"/> in place.</summary>
    public void Apply(Span<float> values, int[] exampleShape)
    {
        ArgumentNullException.ThrowIfNull(exampleShape);
        var groups = Shift.Length;
        if (groups == 1)
        {
            var shift = (float)Shift[0];
            var multiplier = (float)Multiplier[0];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (values[i] - shift) * multiplier;
            }

            return;
        }

        if (Normalization.Groups(exampleShape) != groups)
        {
            throw new DataException(
                $"The normalisation has statistics for {groups} channels but the examples have shape [{string.Join(", ", exampleShape)}].");
        }

        var inner = exampleShape.Skip(1).Aggregate(1, (a, b) => a * b);
        var exampleSize = inner * groups;
        for (var start = 0; start + exampleSize <= values.Length; start += exampleSize)
        {
            for (var g = 0; g < groups; g++)
            {
                var shift = (float)Shift[g];
                var multiplier = (float)Multiplier[g];
                var slice = values.Slice(start + (g * inner), inner);
                for (var i = 0; i < slice.Length; i++)
                {
                    slice[i] = (slice[i] - shift) * multiplier;
                }
            }
        }
    }

    /// <summary>Normalises the float inputs of a batch in place (class-index tensors are left alone).</summary>
    public void Apply(BatchTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Values is not null)
        {
            Apply(tensor.Values, tensor.Shape[1..]);
        }
    }
}
