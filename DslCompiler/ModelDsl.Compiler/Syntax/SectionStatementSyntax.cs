using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>stem { ... }</c>, <c>learner { ... }</c> or <c>task { ... }</c> directly inside a model body. The parser
/// reports a section anywhere else.</summary>
/// <param name="KeywordSpan">The span of the section keyword (for diagnostics such as "duplicate section").</param>
public sealed record SectionStatementSyntax(
    SourceSpan Span,
    SectionKind Kind,
    SourceSpan KeywordSpan,
    EquatableArray<StatementSyntax> Body) : StatementSyntax(Span);
