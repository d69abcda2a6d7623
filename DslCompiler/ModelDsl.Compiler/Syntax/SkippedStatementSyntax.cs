using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// A statement the parser could not read (already reported as a syntax error) and skipped. It stays in the body so the
/// statements after it are still checked: their input is an unknown shape instead of a wrong one, so nothing cascades.
/// When the skipped text started as <c>let NAME</c>, <c>output NAME</c> or <c>input NAME</c>, that name is kept in
/// <see cref="DeclaredName"/> so later uses of it are not reported as unknown.
/// </summary>
public sealed record SkippedStatementSyntax(SourceSpan Span, string? Keyword, IdentifierSyntax? DeclaredName) : StatementSyntax(Span);
