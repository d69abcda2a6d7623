using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>One argument of a call: positional (<c>64</c>) or named (<c>kernel: 3</c>).</summary>
/// <param name="Name">The argument name for a named argument, null for a positional one.</param>
public sealed record ArgumentSyntax(SourceSpan Span, IdentifierSyntax? Name, ExpressionSyntax Value) : SyntaxNode(Span)
{
    public bool IsNamed => Name is not null;
}
