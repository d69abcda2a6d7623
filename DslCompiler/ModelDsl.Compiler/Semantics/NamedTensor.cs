using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>A user-visible tensor name in a scope (a model input or a <c>let</c>) and where it was defined.</summary>
internal sealed record NamedTensor(TensorRef Tensor, SourceSpan DefinedAt, bool IsLet);
