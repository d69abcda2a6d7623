using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary><c>range(a, b)</c>: the training data's [min, max] mapped onto [a, b] (pixels 0–255 → [-1, 1] for range(-1, 1)).</summary>
public sealed record RangeNormalization(double Min, double Max) : Normalization
{
    public override Normalizer Fit(DataColumn column)
    {
        System.ArgumentNullException.ThrowIfNull(column);
        if (!(Max > Min))
        {
            throw new DataException($"normalize: range({Min}, {Max}) needs the first bound below the second.");
        }

        var values = column.Values ?? throw new DataException($"normalize: range needs float inputs; '{column.Name}' holds class indices.");
        if (values.Length == 0)
        {
            return new Normalizer([0.0], [1.0]);
        }

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            lo = System.Math.Min(lo, v);
            hi = System.Math.Max(hi, v);
        }

        // A constant column maps onto the middle of the range rather than dividing by zero.
        var span = hi > lo ? hi - lo : 1.0;
        var multiplier = (Max - Min) / span;
        var shift = hi > lo ? lo - (Min / multiplier) : lo - (((Min + Max) / 2) / multiplier);
        return new Normalizer([shift], [multiplier]);
    }
}
