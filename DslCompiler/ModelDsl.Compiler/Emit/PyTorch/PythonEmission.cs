using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>What the PyTorch profile produced: Python files (named <c>fashion_dnn.py</c>, <c>train_fashion_dnn.py</c>,
/// <c>modeldsl_torch.py</c>) and warnings for what it could not emit.</summary>
public sealed record PythonEmission(EquatableArray<GeneratedSource> Files, EquatableArray<Diagnostic> Diagnostics);
