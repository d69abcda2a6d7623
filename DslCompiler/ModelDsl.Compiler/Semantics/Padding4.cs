namespace ModelDsl.Compiler.Semantics;

/// <summary>Explicit zero padding of the two spatial axes, in PyTorch's <c>F.pad</c> reading: rows added at the top and
/// bottom, columns at the left and right. For <c>same</c> with an odd total the extra row/column is at the
/// bottom/right, as in Keras and PyTorch.</summary>
public sealed record Padding4(int Top, int Bottom, int Left, int Right)
{
    public static readonly Padding4 None = new(0, 0, 0, 0);

    /// <summary>True when top == bottom and left == right, so a symmetric (h, w) padding argument expresses it.</summary>
    public bool IsSymmetric => Top == Bottom && Left == Right;

    public bool IsZero => Top == 0 && Bottom == 0 && Left == 0 && Right == 0;

    public override string ToString() => $"({Top}, {Bottom}, {Left}, {Right})";
}
