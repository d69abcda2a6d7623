namespace ModelDsl.Compiler.Training;

/// <summary>A model input as the training checker sees it.</summary>
/// <param name="Name">The input name.</param>
/// <param name="Dims">Per-example dimensions, channels first; null for a symbolic size.</param>
/// <param name="ShapeText">The shape as diagnostics print it (<c>[N, 3, H, W]</c>).</param>
public sealed record TrainingTensor(string Name, EquatableArray<long?> Dims, string ShapeText);
