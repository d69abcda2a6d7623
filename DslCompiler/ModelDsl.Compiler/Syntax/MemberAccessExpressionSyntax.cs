using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A dotted path, <c>learner.residual_group_0</c> (as in <c>freeze</c> lists).</summary>
public sealed record MemberAccessExpressionSyntax(SourceSpan Span, ExpressionSyntax Target, IdentifierSyntax Member) : ExpressionSyntax(Span);
