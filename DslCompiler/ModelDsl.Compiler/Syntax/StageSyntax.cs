using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>stage NAME { settings }</c>: a training stage whose settings override the defaults. Items may be
/// separated by commas or newlines; calls are accepted too (a stage's own callbacks), stages and data are not.</summary>
public sealed record StageSyntax(SourceSpan Span, IdentifierSyntax Name, EquatableArray<TrainItemSyntax> Items) : TrainItemSyntax(Span);
