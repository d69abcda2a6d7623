using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>folder("data/train", size: (h, w), color: rgb)</c>: one sub-folder per class, named after the class;
/// classes are indexed in ordinal name order (as Keras' <c>image_dataset_from_directory</c>). Files without an
/// image extension (.png, .bmp, .jpg, .jpeg) are skipped; an image file that fails to decode is an error naming it.
/// </summary>
public static class ImageFolderLoader
{
    public static Dataset Load(string root, ImageSize? size = null, ColorMode color = ColorMode.Rgb, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
        {
            throw new DataException(
                File.Exists(root)
                    ? $"Image folder '{root}' is a file; folder(...) wants a folder with one sub-folder per class."
                    : $"Image folder '{root}' does not exist{DataPaths.DescribeMissing(root)}.")
            { Path = root };
        }

        var classFolders = Directory.GetDirectories(root).OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal).ToList();
        if (classFolders.Count == 0)
        {
            throw new DataException(
                $"Image folder '{root}' has no sub-folders; it needs one sub-folder per class (for example '{Path.Combine(root, "cats")}' and '{Path.Combine(root, "dogs")}').")
            { Path = root };
        }

        var images = new List<LabeledImage>();
        foreach (var folder in classFolders)
        {
            var label = Path.GetFileName(folder);
            foreach (var file in Directory.EnumerateFiles(folder).Where(ImageFiles.HasImageExtension).Order(StringComparer.Ordinal))
            {
                images.Add(new LabeledImage(file, label, $"class folder '{label}'"));
            }
        }

        if (images.Count == 0)
        {
            throw new DataException(
                $"Image folder '{root}' has class folders ({string.Join(", ", classFolders.Select(Path.GetFileName))}) but no image files (.png, .bmp, .jpg, .jpeg) in them.")
            { Path = root };
        }

        var classes = ClassMap.FromNames(classNames ?? [.. classFolders.Select(f => Path.GetFileName(f)!)]);
        return ImageDatasetBuilder.Build(images, classes, size, color, $"Image folder '{root}'");
    }
}
