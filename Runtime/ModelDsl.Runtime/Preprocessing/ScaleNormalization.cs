using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary><c>scale(s)</c>: x / s.</summary>
public sealed record ScaleNormalization(double Divisor) : Normalization
{
    public override Normalizer Fit(DataColumn column)
    {
        if (Divisor == 0 || double.IsNaN(Divisor) || double.IsInfinity(Divisor))
        {
            throw new DataException($"normalize: scale({Divisor}) needs a finite, non-zero divisor such as 255.");
        }

        return new Normalizer([0.0], [1.0 / Divisor]);
    }
}
