using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>What <see cref="ModelParser.Parse"/> returns: the tree (always present, possibly partial) and the syntax diagnostics.</summary>
public sealed record ParseResult(ModelFileSyntax Root, EquatableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);
}
