using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>The items of a <c>{ ... }</c> body, the span of its <c>{</c> and the span of its <c>}</c> (zero-length where
/// the parser stopped when the <c>}</c> is missing).</summary>
internal sealed record BodyResult<T>(EquatableArray<T> Items, SourceSpan Open, SourceSpan Close);
