namespace ModelDsl.Compiler.Semantics;

/// <summary>A (height, width) pair: kernel, pool, stride or dilation. A single integer <c>k</c> in the source is <c>(k, k)</c>.</summary>
public sealed record Size2(int Height, int Width)
{
    public bool IsSquare => Height == Width;

    public override string ToString() => IsSquare ? $"{Height}" : $"({Height}, {Width})";
}
