using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>folder("data/train", size: (h, w), color: rgb)</c>: one sub-folder per class, named after the class;
/// classes are indexed in ordinal name order (as Keras' <c>image_dataset_from_directory</c>). A class folder's images
/// may lie in sub-folders of any depth (<c>train/cat/indoor/1.png</c> is a cat, as with Keras and torchvision's
/// <c>ImageFolder</c>); symbolic links to folders below a class folder are not followed (Keras' <c>follow_links=False</c>).
/// Files without an image extension (.png, .bmp, .jpg, .jpeg) are skipped; an image file that fails to decode is an
/// error naming it.
/// <para>
/// Order: within a class, files are sorted by their path below the class folder; the classes are then interleaved by
/// relative position (the file at position i of a class of n files sorts at (i + 0.5) / n, ties in class order), so
/// the last fraction of the examples — what <c>validation_split</c> and <c>test_split</c> hold out — is the last
/// fraction of every class, not the last class. Keras gets a mixed tail by shuffling the file list with a seed; this
/// order needs no seed, so a test split is the same for every trainer seed.
/// </para>
/// </summary>
public static class ImageFolderLoader
{
    public static Dataset Load(string root, ImageSize? size = null, ColorMode color = ColorMode.Rgb, IReadOnlyList<string>? classNames = null, int? resize = null, ImageSize? crop = null)
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

        var ordered = new List<(double Position, int Class, LabeledImage Image)>();
        for (var c = 0; c < classFolders.Count; c++)
        {
            var folder = classFolders[c];
            var label = Path.GetFileName(folder);
            var files = ImagesBelow(folder);
            for (var i = 0; i < files.Count; i++)
            {
                ordered.Add(((i + 0.5) / files.Count, c, new LabeledImage(files[i], label, $"class folder '{label}'")));
            }
        }

        var images = ordered.OrderBy(e => e.Position).ThenBy(e => e.Class).Select(e => e.Image).ToList();
        if (images.Count == 0)
        {
            throw new DataException(
                $"Image folder '{root}' has class folders ({string.Join(", ", classFolders.Select(Path.GetFileName))}) but no image files (.png, .bmp, .jpg, .jpeg) in them.")
            { Path = root };
        }

        var classes = ClassMap.FromNames(classNames ?? [.. classFolders.Select(f => Path.GetFileName(f)!)]);
        return ImageDatasetBuilder.Build(images, classes, new ImageGeometry(size, resize, crop), color, $"Image folder '{root}'");
    }

    /// <summary>Folder depth below a class folder at which the search stops, so a pathological tree cannot recurse without end.</summary>
    public const int MaxDepth = 64;

    /// <summary>The image files in <paramref name="classFolder"/> and its sub-folders, sorted by relative path (ordinal, '/' separated).</summary>
    private static List<string> ImagesBelow(string classFolder)
    {
        var files = new List<string>();
        var pending = new Stack<(string Folder, int Depth)>();
        pending.Push((classFolder, 0));
        while (pending.Count > 0)
        {
            var (folder, depth) = pending.Pop();
            files.AddRange(Directory.EnumerateFiles(folder).Where(ImageFiles.HasImageExtension));
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (new DirectoryInfo(sub).LinkTarget is not null)
                {
                    continue;
                }

                if (depth + 1 > MaxDepth)
                {
                    throw new DataException($"Image folder '{classFolder}' nests folders more than {MaxDepth} levels deep (at '{sub}'); flatten the tree.") { Path = sub };
                }

                pending.Push((sub, depth + 1));
            }
        }

        return [.. files.OrderBy(f => Path.GetRelativePath(classFolder, f).Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal)];
    }
}
