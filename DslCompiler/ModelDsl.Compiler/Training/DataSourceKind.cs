namespace ModelDsl.Compiler.Training;

/// <summary>The data sources of LANGUAGE.md §6 <c>data { }</c>.</summary>
public enum DataSourceKind
{
    /// <summary><c>idx(images:, labels:)</c>: MNIST-style IDX files (optionally gzipped).</summary>
    Idx,

    /// <summary><c>folder(path, size:, color:)</c>: one sub-folder per class.</summary>
    Folder,

    /// <summary><c>csv(file, path:, label:, size:, color:)</c>: one row per example.</summary>
    Csv,

    /// <summary><c>json(file, path:, label:, size:, color:)</c>: an array of objects, one per example.</summary>
    Json,

    /// <summary><c>table(file, features:, target:, header:, delimiter:)</c>: a tabular CSV, one example per row.</summary>
    Table,
}
