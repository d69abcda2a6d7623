namespace ModelDsl.Compiler.Training;

/// <summary>A checked data source with its arguments resolved: idx(images, labels); folder(path, size?, color);
/// csv/json(file, path, label, size?, color). Paths are kept as written, relative to
/// <see cref="CheckedTraining.SourceDirectory"/>. <c>size</c> defaults to the model input's (H, W) when that is
/// concrete, <c>color</c> to rgb for 3 input channels and grayscale for 1.</summary>
public sealed record CheckedDataSource(DataSourceKind Kind, string Name, EquatableArray<ResolvedArgument> Arguments)
{
    public override string ToString() => Name + "(" + string.Join(", ", Arguments) + ")";
}
