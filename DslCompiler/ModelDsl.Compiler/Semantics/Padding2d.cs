namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// A resolved padding of a convolution or pooling layer. <see cref="Amount"/> holds the explicit rows/columns for every
/// mode (none for <c>valid</c>); it is null only for <c>same</c> with a stride above 1 on a symbolic size, where the
/// padding depends on the runtime size: an emitter then pads at run time the TensorFlow way, total =
/// max((ceil(in / stride) - 1) * stride + dilation * (kernel - 1) + 1 - in, 0), top/left = total / 2, the rest
/// bottom/right.
/// </summary>
public sealed record Padding2d(PaddingMode Mode, Padding4? Amount)
{
    public static readonly Padding2d Valid = new(PaddingMode.Valid, Padding4.None);

    public override string ToString() => Mode switch
    {
        PaddingMode.Valid => "valid",
        PaddingMode.Same => Amount is null ? "same" : "same " + Amount,
        _ => Amount?.ToString() ?? "?",
    };
}
