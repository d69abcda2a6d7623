using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>output NAME = PIPELINE</c>: declares a named model output.</summary>
public sealed record OutputStatementSyntax(SourceSpan Span, IdentifierSyntax Name, PipelineSyntax Value) : StatementSyntax(Span);
