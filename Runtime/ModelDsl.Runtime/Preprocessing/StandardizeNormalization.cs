using System;
using System.Linq;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary>
/// <c>standardize</c>: zero mean and unit variance per channel/feature, statistics from the training data; with
/// <paramref name="Global"/> (<c>standardize(global: true)</c>) one mean and one standard deviation over every value of
/// every channel, so the channels keep their relative brightness.
/// </summary>
public sealed record StandardizeNormalization(bool Global = false) : Normalization
{
    // Features with (almost) no variance are centred but not blown up (as scikit-learn's StandardScaler).
    private const double MinStd = 1e-7;

    public override Normalizer Fit(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var values = column.Values ?? throw new DataException($"normalize: standardize needs float inputs; '{column.Name}' holds class indices.");
        var groups = Global ? 1 : Groups(column.ExampleShape);
        var inner = column.ExampleShape.Length == 0 ? 1 : column.ExampleShape.Skip(groups == 1 ? 0 : 1).Aggregate(1, (a, b) => a * b);
        var sum = new double[groups];
        var sumSquares = new double[groups];
        var exampleSize = column.ExampleSize;
        for (var start = 0; start < values.Length; start += exampleSize)
        {
            for (var g = 0; g < groups; g++)
            {
                var slice = values.AsSpan(start + (g * inner), inner);
                double s = 0, q = 0;
                foreach (var v in slice)
                {
                    s += v;
                    q += (double)v * v;
                }

                sum[g] += s;
                sumSquares[g] += q;
            }
        }

        var n = (double)column.Count * inner;
        var shift = new double[groups];
        var multiplier = new double[groups];
        for (var g = 0; g < groups; g++)
        {
            var mean = n == 0 ? 0 : sum[g] / n;
            var variance = n == 0 ? 1 : Math.Max(0, (sumSquares[g] / n) - (mean * mean));
            var std = Math.Sqrt(variance);
            shift[g] = mean;
            multiplier[g] = std < MinStd ? 1.0 : 1.0 / std;
        }

        return new Normalizer(shift, multiplier);
    }
}
