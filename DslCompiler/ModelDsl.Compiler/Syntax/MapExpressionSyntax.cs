using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>{ age: categorical_crossentropy, gender: binary_crossentropy }</c>; entries in source order.</summary>
public sealed record MapExpressionSyntax(SourceSpan Span, EquatableArray<MapEntrySyntax> Entries) : ExpressionSyntax(Span);
