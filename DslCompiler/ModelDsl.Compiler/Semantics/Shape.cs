using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// The shape of one example (the batch dimension is implicit and never stored), channels-first:
/// an image is <c>[C, H, W]</c>. <see cref="ToString"/> shows the batch as <c>N</c> (<c>[N, 64, 56, 56]</c>), the form
/// diagnostics, summaries and generated comments use; <see cref="ToExampleString"/> omits it.
/// </summary>
public sealed record Shape(EquatableArray<Dim> Dims)
{
    public int Rank => Dims.Count;

    /// <summary>True when no dimension is symbolic.</summary>
    public bool IsConcrete => Dims.All(d => d.IsConstant);

    /// <summary>Elements per example (symbolic when a dimension is).</summary>
    public Dim ElementCount => Dim.Product(Dims);

    public Dim this[int axis] => Dims[axis];

    public static Shape Of(params long[] dims) => new(dims.Select(Dim.Of).ToEquatableArray());

    public static Shape Of(IEnumerable<Dim> dims) => new(dims.ToEquatableArray());

    /// <summary>The constant dimensions; only valid when <see cref="IsConcrete"/>.</summary>
    public long[] ToConstantArray() => Dims.Select(d => d.Constant).ToArray();

    /// <summary>The size symbols the shape depends on, in first-seen order.</summary>
    public IReadOnlyList<string> Symbols() => Dims.SelectMany(d => d.Symbols()).Distinct().ToList();

    /// <summary><c>[N, 64, 56, 56]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", new[] { "N" }.Concat(Dims.Select(d => d.ToString()))) + "]";

    /// <summary><c>[64, 56, 56]</c>: one example, as written in <c>float[...]</c>.</summary>
    public string ToExampleString() => "[" + string.Join(", ", Dims.Select(d => d.ToString())) + "]";
}
