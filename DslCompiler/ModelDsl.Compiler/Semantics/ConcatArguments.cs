namespace ModelDsl.Compiler.Semantics;

/// <summary><c>concat</c> of the step's inputs along <see cref="Axis"/>, an example axis (0 = channels), already made
/// non-negative; the PyTorch dimension is <see cref="TensorDim"/> (the batch axis comes first).</summary>
public sealed record ConcatArguments(int Axis) : LayerArguments
{
    public int TensorDim => Axis + 1;
}
