using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A name written in the source (a declaration's name, a parameter, a layer, a named argument), with its own span
/// so diagnostics such as "duplicate declaration" can point at the name itself.</summary>
public sealed record IdentifierSyntax(SourceSpan Span, string Name) : SyntaxNode(Span);
