using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>input image: float[3, H, W]</c>: a model input and its per-example shape (batch dimension implicit).</summary>
/// <param name="ElementType">The element type as written (<c>float</c>); checking it is semantic.</param>
/// <param name="Dimensions">Each dimension: an <see cref="IntegerLiteralSyntax"/> or a symbol (<see cref="NameExpressionSyntax"/>).</param>
public sealed record InputDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    IdentifierSyntax ElementType,
    EquatableArray<ExpressionSyntax> Dimensions) : SyntaxNode(Span);
