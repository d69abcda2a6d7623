using System.Globalization;

namespace ModelDsl.Compiler.Training;

/// <summary>A table column as written: a header name, or a 0-based index when <see cref="Name"/> is null.</summary>
public sealed record ColumnRef(string? Name, int Index = -1)
{
    public override string ToString() => Name ?? Index.ToString(CultureInfo.InvariantCulture);
}
