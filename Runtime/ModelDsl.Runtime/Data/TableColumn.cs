using System.Globalization;

namespace ModelDsl.Runtime.Data;

/// <summary>A column of a table, by header name or by 0-based position.</summary>
public sealed record TableColumn(string? Name, int Index = -1)
{
    public static TableColumn Named(string name) => new(name);

    public static TableColumn At(int index) => new(null, index);

    public override string ToString() => Name is not null ? $"'{Name}'" : "#" + Index.ToString(CultureInfo.InvariantCulture);
}
