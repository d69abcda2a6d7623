namespace ModelDsl.Compiler.Semantics;

/// <summary>Layers without settings: <c>flatten</c>, <c>global_avgpool2d</c>, <c>global_maxpool2d</c>, <c>add</c>
/// (flatten keeps the batch axis and flattens the rest; add sums the step's inputs).</summary>
public sealed record NoArguments : LayerArguments
{
    public static readonly NoArguments Instance = new();
}
