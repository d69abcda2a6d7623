using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// One dimension of a tensor shape: a constant, or a symbolic size such as <c>H - 2</c> or <c>ceil(H/4)</c>.
/// Kept in a canonical form (a polynomial over symbols and irreducible floor divisions, terms sorted, like terms
/// combined, exact divisions and nested floor/ceil divisions folded), so two sizes are equal exactly when their
/// records are equal: <c>ceil(ceil(H/2)/2)</c> and <c>ceil(H/4)</c> are the same <see cref="Dim"/>.
/// Arithmetic is checked: an overflow throws <see cref="OverflowException"/>, which shape inference turns into a
/// diagnostic.
/// </summary>
public sealed record Dim
{
    private Dim(EquatableArray<DimTerm> terms, long constant)
    {
        Terms = terms;
        Constant = constant;
    }

    /// <summary>The symbolic monomials, in canonical order; empty for a constant.</summary>
    public EquatableArray<DimTerm> Terms { get; }

    /// <summary>The constant part (the whole value when <see cref="IsConstant"/>).</summary>
    public long Constant { get; }

    public bool IsConstant => Terms.IsEmpty;

    /// <summary>True for a bare symbol or atom (printed without parentheses inside a larger expression).</summary>
    internal bool IsSingleFactor => IsConstant || (Constant == 0 && Terms.Count == 1 && Terms[0].Coefficient == 1 && Terms[0].Factors.Count == 1);

    public static Dim Of(long value) => new(EquatableArray<DimTerm>.Empty, value);

    public static Dim Symbol(string name) => FromAtom(new SymbolAtom(name));

    public static Dim operator +(Dim left, Dim right) => Combine(left.Terms.Concat(right.Terms), checked(left.Constant + right.Constant));

    public static Dim operator -(Dim left, Dim right) => left + (right * Of(-1));

    public static Dim operator *(Dim left, Dim right)
    {
        var terms = new List<DimTerm>();
        foreach (var a in left.Terms)
        {
            foreach (var b in right.Terms)
            {
                terms.Add(new DimTerm(checked(a.Coefficient * b.Coefficient), SortFactors(a.Factors.Concat(b.Factors))));
            }

            if (right.Constant != 0)
            {
                terms.Add(new DimTerm(checked(a.Coefficient * right.Constant), a.Factors));
            }
        }

        if (left.Constant != 0)
        {
            foreach (var b in right.Terms)
            {
                terms.Add(new DimTerm(checked(b.Coefficient * left.Constant), b.Factors));
            }
        }

        return Combine(terms, checked(left.Constant * right.Constant));
    }

    public static implicit operator Dim(long value) => Of(value);

    /// <summary>The product of <paramref name="dims"/> (1 for none).</summary>
    public static Dim Product(IEnumerable<Dim> dims) => dims.Aggregate(Of(1), (acc, d) => acc * d);

    /// <summary><c>floor(this / divisor)</c> for a positive divisor, simplified where exact.</summary>
    public Dim FloorDiv(long divisor)
    {
        if (divisor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), "divisor must be positive");
        }

        if (divisor == 1)
        {
            return this;
        }

        if (IsConstant)
        {
            return Of(FloorDivide(Constant, divisor));
        }

        // floor((d*Q + R) / d) == Q + floor(R / d) for integer-valued Q: split every coefficient into quotient
        // and a remainder in [0, d), so only the remainder stays under the division.
        var quotientTerms = new List<DimTerm>();
        var remainderTerms = new List<DimTerm>();
        foreach (var term in Terms)
        {
            var q = FloorDivide(term.Coefficient, divisor);
            var r = term.Coefficient - (q * divisor);
            if (q != 0)
            {
                quotientTerms.Add(new DimTerm(q, term.Factors));
            }

            if (r != 0)
            {
                remainderTerms.Add(new DimTerm(r, term.Factors));
            }
        }

        var constantQuotient = FloorDivide(Constant, divisor);
        var constantRemainder = Constant - (constantQuotient * divisor);
        var quotient = Combine(quotientTerms, constantQuotient);
        if (remainderTerms.Count == 0)
        {
            // 0 <= constantRemainder < divisor, so its floor division is 0.
            return quotient;
        }

        // floor((floor(N/m) + r) / d) == floor((N + r*m) / (m*d)): fold nested divisions into one.
        if (remainderTerms.Count == 1 && remainderTerms[0].Coefficient == 1 && remainderTerms[0].Factors.Count == 1
            && remainderTerms[0].Factors[0] is FloorDivAtom inner)
        {
            var numerator = inner.Numerator + Of(checked(constantRemainder * inner.Divisor));
            return quotient + numerator.FloorDiv(checked(inner.Divisor * divisor));
        }

        return quotient + FromAtom(new FloorDivAtom(Combine(remainderTerms, constantRemainder), divisor));
    }

    /// <summary><c>ceil(this / divisor)</c> for a positive divisor, simplified where exact.</summary>
    public Dim CeilDiv(long divisor) => (this + Of(divisor - 1)).FloorDiv(divisor);

    /// <summary>The size symbols this dimension depends on, in first-seen order.</summary>
    public IReadOnlyList<string> Symbols()
    {
        var names = new List<string>();
        CollectSymbols(this, names);
        return names;
    }

    public bool Equals(Dim? other) =>
        other is not null && Constant == other.Constant && Terms.Equals(other.Terms);

    public override int GetHashCode() => unchecked((Terms.GetHashCode() * 397) ^ Constant.GetHashCode());

    public override string ToString()
    {
        if (IsConstant)
        {
            return Constant.ToString(CultureInfo.InvariantCulture);
        }

        var text = new StringBuilder();
        foreach (var term in Terms)
        {
            if (text.Length == 0)
            {
                text.Append(term);
            }
            else if (term.Coefficient < 0)
            {
                text.Append(" - ").Append(new DimTerm(-term.Coefficient, term.Factors));
            }
            else
            {
                text.Append(" + ").Append(term);
            }
        }

        if (Constant > 0)
        {
            text.Append(" + ").Append(Constant.ToString(CultureInfo.InvariantCulture));
        }
        else if (Constant < 0)
        {
            text.Append(" - ").Append((-Constant).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    internal static long FloorDivide(long value, long divisor)
    {
        var q = value / divisor;
        return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? q - 1 : q;
    }

    private static Dim FromAtom(DimAtom atom) => new(EquatableArray.Create(new DimTerm(1, EquatableArray.Create(atom))), 0);

    private static EquatableArray<DimAtom> SortFactors(IEnumerable<DimAtom> factors) =>
        factors.OrderBy(f => f.Key, StringComparer.Ordinal).ToEquatableArray();

    private static Dim Combine(IEnumerable<DimTerm> terms, long constant)
    {
        var byKey = new SortedDictionary<string, DimTerm>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            byKey[term.Key] = byKey.TryGetValue(term.Key, out var existing)
                ? new DimTerm(checked(existing.Coefficient + term.Coefficient), term.Factors)
                : term;
        }

        return new Dim(byKey.Values.Where(t => t.Coefficient != 0).ToEquatableArray(), constant);
    }

    private static void CollectSymbols(Dim dim, List<string> names)
    {
        foreach (var factor in dim.Terms.SelectMany(t => t.Factors))
        {
            switch (factor)
            {
                case SymbolAtom symbol when !names.Contains(symbol.Name):
                    names.Add(symbol.Name);
                    break;
                case FloorDivAtom division:
                    CollectSymbols(division.Numerator, names);
                    break;
            }
        }
    }
}
