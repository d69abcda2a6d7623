namespace ModelDsl.Compiler.Training;

/// <summary>A model output as the training checker sees it.</summary>
/// <param name="Name">The output name, or null for the single unnamed output.</param>
/// <param name="Dims">Per-example dimensions; null for a symbolic size.</param>
/// <param name="ShapeText">The shape as diagnostics print it (<c>[N, 10]</c>).</param>
/// <param name="FinalActivation">The last activation on the way to the output in <c>.model</c> spelling
/// (<c>softmax</c>, <c>sigmoid</c>, <c>log_softmax</c>, <c>relu</c>, …), or null when the output is a plain linear value.</param>
public sealed record TrainingOutput(string? Name, EquatableArray<long?> Dims, string ShapeText, string? FinalActivation)
{
    /// <summary>The name diagnostics use (<c>output</c> for the unnamed one).</summary>
    public string DisplayName => Name ?? "output";

    /// <summary>How messages refer to it: <c>output gender</c>, or <c>the output</c> for the unnamed one.</summary>
    public string Phrase => Name is null ? "the output" : "output " + Name;
}
