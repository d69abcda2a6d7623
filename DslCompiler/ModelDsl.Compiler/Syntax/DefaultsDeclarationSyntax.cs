using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>defaults { init: keras }</c>: settings that apply to every model declared in the same file.</summary>
public sealed record DefaultsDeclarationSyntax(SourceSpan Span, EquatableArray<TrainItemSyntax> Items) : SyntaxNode(Span);
