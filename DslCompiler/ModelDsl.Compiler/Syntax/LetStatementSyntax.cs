using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>let NAME = PIPELINE</c>: names a tensor without changing the current one.</summary>
public sealed record LetStatementSyntax(SourceSpan Span, IdentifierSyntax Name, PipelineSyntax Value) : StatementSyntax(Span);
