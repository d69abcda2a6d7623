namespace ModelDsl.Compiler.Training;

/// <summary>Table columns (<c>features: [crim, zn, indus]</c>, <c>target: price</c>).</summary>
public sealed record ColumnsValue(EquatableArray<ColumnRef> Columns) : ArgumentValue
{
    public override string ToString() => Columns.Count == 1 ? Columns[0].ToString() : Columns.ToString();
}
