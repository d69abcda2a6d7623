using System.Collections.Generic;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>csv(...)</c> or <c>json(...)</c>: a manifest naming one image file and its label per example; images are sized as
/// <see cref="ImageGeometry"/> says (<c>size</c>, or <c>resize</c> of the shorter side, then a centre <c>crop</c>).
/// </summary>
public sealed record ManifestSource(string File, ManifestFormat Format, string PathColumn, string LabelColumn, ImageSize? Size, ColorMode Color, int? Resize = null, ImageSize? Crop = null) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        Format == ManifestFormat.Csv
            ? ManifestLoader.LoadCsv(Resolve(baseDirectory, File), PathColumn, LabelColumn, Size, Color, classNames, Resize, Crop)
            : ManifestLoader.LoadJson(Resolve(baseDirectory, File), PathColumn, LabelColumn, Size, Color, classNames, Resize, Crop);
}
