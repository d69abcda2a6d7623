using System.Globalization;

namespace ModelDsl.Compiler.Training;

/// <summary>An image size <c>(height, width)</c>; a single integer <c>n</c> means <c>(n, n)</c>.</summary>
public sealed record SizeValue(int Height, int Width) : ArgumentValue
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "({0}, {1})", Height, Width);
}
