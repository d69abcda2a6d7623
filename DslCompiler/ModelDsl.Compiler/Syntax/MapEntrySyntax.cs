using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>One <c>key: value</c> entry of a <see cref="MapExpressionSyntax"/>.</summary>
public sealed record MapEntrySyntax(SourceSpan Span, IdentifierSyntax Key, ExpressionSyntax Value) : SyntaxNode(Span);
