using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary><c>mean_std([..], [..])</c>: given per-channel statistics, applied to the values as loaded (0–255 for images).</summary>
public sealed record MeanStdNormalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std) : Normalization
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

        return new Normalizer([.. Mean], [.. Std.Select(s => 1.0 / s)]);
    }
}
