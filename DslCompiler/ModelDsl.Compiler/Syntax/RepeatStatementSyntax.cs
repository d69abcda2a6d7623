using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>repeat COUNT { statements }</c>: the body applied COUNT times in sequence.</summary>
/// <param name="Count">An integer expression (<c>blocks - 1</c>); evaluating and range-checking it is semantic.</param>
public sealed record RepeatStatementSyntax(SourceSpan Span, ExpressionSyntax Count, EquatableArray<StatementSyntax> Body) : StatementSyntax(Span);
