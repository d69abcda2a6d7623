using System.Collections.Generic;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary><c>folder("...", size: (h, w), color: rgb)</c>: one sub-folder per class.</summary>
public sealed record FolderSource(string Path, ImageSize? Size, ColorMode Color) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        ImageFolderLoader.Load(Resolve(baseDirectory, Path), Size, Color, classNames);
}
