using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A value: a literal, a name, arithmetic, a call, a tuple, a list or a map.</summary>
public abstract record ExpressionSyntax(SourceSpan Span) : SyntaxNode(Span);
