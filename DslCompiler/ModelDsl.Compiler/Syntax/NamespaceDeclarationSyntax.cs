using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>namespace Acme.Vision</c>: the C# namespace of the types this file generates.</summary>
/// <param name="Parts">The dotted parts (<c>Acme</c>, <c>Vision</c>), each with its span.</param>
public sealed record NamespaceDeclarationSyntax(SourceSpan Span, EquatableArray<IdentifierSyntax> Parts) : SyntaxNode(Span)
{
    /// <summary>The dotted name as written: <c>Acme.Vision</c>.</summary>
    public string Name => string.Join(".", Parts.Select(part => part.Name));
}
