namespace ModelDsl.Compiler.Semantics;

/// <summary>A named tensor value of a module's dataflow and its shape.</summary>
public sealed record TensorValue(string Name, Shape Shape);
