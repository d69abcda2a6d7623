using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary>
/// <c>mean_std([..], [..])</c>: (x / <see cref="InputScale"/> − mean[c]) / std[c] with given per-channel statistics
/// (one value applies to all channels). The statistics are on the [0, 1] scale, as torchvision's ImageNet values
/// <c>mean_std([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])</c>, while pixels are loaded as 0–255.
/// </summary>
public sealed record MeanStdNormalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std, double InputScale = 255) : Normalization
{
    public override Normalizer Fit(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Mean.Count != Std.Count || Mean.Count == 0)
        {
            throw new DataException($"normalize: mean_std needs as many means as standard deviations (got {Mean.Count} and {Std.Count}).");
        }

        if (Std.Any(s => !(s > 0)))
        {
            throw new DataException("normalize: mean_std needs every standard deviation above 0.");
        }

        var groups = Groups(column.ExampleShape);
        if (Mean.Count != 1 && Mean.Count != groups)
        {
            throw new DataException(
                $"normalize: mean_std gives {Mean.Count} statistics but the inputs of shape [{string.Join(", ", column.ExampleShape)}] have {groups} channels.");
        }

        // (x / k − m) / s  =  (x − k·m) · 1 / (k·s)
        return new Normalizer([.. Mean.Select(m => m * InputScale)], [.. Std.Select(s => 1.0 / (s * InputScale))]);
    }
}
