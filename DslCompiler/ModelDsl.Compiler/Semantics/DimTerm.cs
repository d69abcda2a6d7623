using System.Globalization;
using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>One monomial of a symbolic <see cref="Dim"/>: a coefficient times a product of atoms (kept sorted).</summary>
public sealed record DimTerm(long Coefficient, EquatableArray<DimAtom> Factors)
{
    /// <summary>The factors without the coefficient; terms with equal keys are combined.</summary>
    internal string Key => string.Join("*", Factors.Select(f => f.Key));

    public override string ToString()
    {
        var product = string.Join("*", Factors.Select(f => f.ToString()));
        return Coefficient switch
        {
            1 => product,
            -1 => "-" + product,
            _ => Coefficient.ToString(CultureInfo.InvariantCulture) + "*" + product,
        };
    }
}
