using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>An item of a <c>train</c>, <c>stage</c> or <c>data</c> body: <see cref="SettingSyntax"/>,
/// <see cref="TrainCallSyntax"/>, <see cref="StageSyntax"/>, <see cref="DataSyntax"/> or <see cref="AugmentSyntax"/>.</summary>
public abstract record TrainItemSyntax(SourceSpan Span) : SyntaxNode(Span);
