using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

/// <summary><c>floor(Numerator / Divisor)</c> where the numerator is symbolic and the division is not exact.
/// Printed as <c>ceil(H/2)</c> when it is one (<c>floor((H + 1)/2)</c>), which is how users think of it.</summary>
public sealed record FloorDivAtom(Dim Numerator, long Divisor) : DimAtom
{
    public override string ToString()
    {
        var divisor = Divisor.ToString(CultureInfo.InvariantCulture);

        // floor((A + d - 1) / d) == ceil(A / d): show the ceil form, which reads like Keras' "same" arithmetic.
        if (Numerator.Constant == Divisor - 1 && !Numerator.IsConstant)
        {
            var withoutConstant = Numerator - Dim.Of(Divisor - 1);
            return "ceil(" + Wrap(withoutConstant) + "/" + divisor + ")";
        }

        return "floor(" + Wrap(Numerator) + "/" + divisor + ")";
    }

    private static string Wrap(Dim dim) => dim.IsSingleFactor ? dim.ToString() : "(" + dim + ")";
}
