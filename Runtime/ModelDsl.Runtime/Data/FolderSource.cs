using System.Collections.Generic;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>folder("...", size: (h, w), color: rgb)</c>: one sub-folder per class; <c>resize: n</c> (shorter side) and
/// <c>crop: (h, w)</c> (centre) size the images as torchvision's Resize(n) + CenterCrop((h, w)).
/// </summary>
public sealed record FolderSource(string Path, ImageSize? Size, ColorMode Color, int? Resize = null, ImageSize? Crop = null) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        ImageFolderLoader.Load(Resolve(baseDirectory, Path), Size, Color, classNames, Resize, Crop);
}
