using System.Collections.Generic;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary><c>csv(...)</c> or <c>json(...)</c>: a manifest naming one image file and its label per example.</summary>
public sealed record ManifestSource(string File, ManifestFormat Format, string PathColumn, string LabelColumn, ImageSize? Size, ColorMode Color) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        Format == ManifestFormat.Csv
            ? ManifestLoader.LoadCsv(Resolve(baseDirectory, File), PathColumn, LabelColumn, Size, Color, classNames)
            : ManifestLoader.LoadJson(Resolve(baseDirectory, File), PathColumn, LabelColumn, Size, Color, classNames);
}
