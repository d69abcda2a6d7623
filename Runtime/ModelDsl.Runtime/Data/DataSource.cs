using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// A data source of a <c>data { }</c> block: <c>idx(...)</c>, <c>folder(...)</c>, <c>csv(...)</c> or <c>json(...)</c>.
/// Relative paths resolve against the base directory given to <see cref="Load"/> (the <c>.model</c> file's folder).
/// </summary>
public abstract record DataSource
{
    /// <summary><c>idx(images: "...", labels: "...")</c>.</summary>
    public static DataSource Idx(string images, string labels) => new IdxSource(images, labels);

    /// <summary><c>folder("...", size: (h, w), color: rgb, resize: n, crop: (h, w))</c>.</summary>
    public static DataSource Folder(string path, ImageSize? size = null, ColorMode color = ColorMode.Rgb, int? resize = null, ImageSize? crop = null) =>
        new FolderSource(path, size, color, resize, crop);

    /// <summary><c>csv("...", path: column, label: column, size: (h, w), color: rgb)</c>.</summary>
    public static DataSource Csv(string file, string pathColumn = "path", string labelColumn = "label", ImageSize? size = null, ColorMode color = ColorMode.Rgb, int? resize = null, ImageSize? crop = null) =>
        new ManifestSource(file, ManifestFormat.Csv, pathColumn, labelColumn, size, color, resize, crop);

    /// <summary><c>json("...", path: field, label: field, size: (h, w), color: rgb)</c>.</summary>
    public static DataSource Json(string file, string pathColumn = "path", string labelColumn = "label", ImageSize? size = null, ColorMode color = ColorMode.Rgb, int? resize = null, ImageSize? crop = null) =>
        new ManifestSource(file, ManifestFormat.Json, pathColumn, labelColumn, size, color, resize, crop);

    /// <summary>
    /// Loads the source. <paramref name="classNames"/> (the training set's classes) makes a validation or test set
    /// use the same class indices; a label outside them is an error naming the file and row.
    /// </summary>
    /// <summary>A tabular CSV: numeric feature columns and one target per model output.</summary>
    public static DataSource Table(string file, TableSpec spec) => new TableSource(file, spec);

    public abstract Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null);

    protected static string Resolve(string baseDirectory, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);
}
