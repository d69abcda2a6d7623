using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary>
/// <c>range(min, max)</c>: the pixel range [<see cref="InputMin"/>, <see cref="InputMax"/>] (default [0, 255]) mapped
/// linearly onto [min, max] — <c>range(-1, 1)</c> gives (x − 127.5) / 127.5. A fixed input range rather than the
/// data's observed extremes, so one odd image cannot change the mapping.
/// </summary>
public sealed record RangeNormalization(double Min, double Max, double InputMin = 0, double InputMax = 255) : Normalization
{
    public override Normalizer Fit(DataColumn column)
    {
        if (!(Max > Min))
        {
            throw new DataException($"normalize: range({Min}, {Max}) needs the first bound below the second.");
        }

        if (!(InputMax > InputMin))
        {
            throw new DataException($"normalize: range needs an input range with min below max; got [{InputMin}, {InputMax}].");
        }

        var multiplier = (Max - Min) / (InputMax - InputMin);
        return new Normalizer([InputMin - (Min / multiplier)], [multiplier]);
    }
}
