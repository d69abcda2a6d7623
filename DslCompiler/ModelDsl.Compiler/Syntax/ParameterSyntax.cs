using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A block or group parameter: <c>filters</c>, <c>filters: int</c>, <c>stride: int = 2</c>, <c>rate = 0.5</c>.</summary>
/// <param name="Type">The type name as written (<c>int</c>, <c>float</c>, <c>bool</c>, <c>activation</c>, <c>padding</c>),
/// or null when omitted (the language default is <c>int</c>). Any identifier is accepted here; an unknown type name is a
/// semantic error.</param>
/// <param name="Default">The default value, or null.</param>
public sealed record ParameterSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    IdentifierSyntax? Type,
    ExpressionSyntax? Default) : SyntaxNode(Span);
