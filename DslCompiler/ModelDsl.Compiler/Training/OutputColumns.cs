namespace ModelDsl.Compiler.Training;

/// <summary>The target columns of one output (<paramref name="Output"/> null: the only output, not named).</summary>
public sealed record OutputColumns(string? Output, EquatableArray<ColumnRef> Columns);
