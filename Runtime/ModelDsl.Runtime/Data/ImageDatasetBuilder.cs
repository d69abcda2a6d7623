using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>Turns a list of labeled image files into a <see cref="Dataset"/> of CHW images and class indices.</summary>
internal static class ImageDatasetBuilder
{
    /// <summary>
    /// The class names in index order for labels seen in a listing: when every label is an integer, the
    /// integer is the class index (names "0".."max"); otherwise names sorted ordinally (Keras' folder order).
    /// </summary>
    public static IReadOnlyList<string> DiscoverClasses(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 0 && distinct.All(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var max = distinct.Max(l => int.Parse(l, CultureInfo.InvariantCulture));
            return [.. Enumerable.Range(0, max + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        }

        distinct.Sort(StringComparer.Ordinal);
        return distinct;
    }

    public static Dataset Build(IReadOnlyList<LabeledImage> images, IReadOnlyList<string> classNames, ImageSize? size, ColorMode color, string source)
    {
        if (images.Count == 0)
        {
            throw new DataException($"{source} lists no images.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classNames.Count; i++)
        {
            index[classNames[i]] = i;
        }

        var labels = new int[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            var label = images[i].Label;
            if (!index.TryGetValue(label, out labels[i])
                && !(int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                     && index.TryGetValue(number.ToString(CultureInfo.InvariantCulture), out labels[i])))
            {
                throw new DataException(
                    $"{images[i].Origin}: unknown label '{label}'; the known classes are {Describe(classNames)}. " +
                    "Fix the label or add the class to the training data.")
                { Path = images[i].Path };
            }
        }

        // The first image fixes the example size (and, without size:, the size every other image must have);
        // the rest decode in parallel. Errors are reported for the first failing image in listing order.
        var channels = color == ColorMode.Rgb ? 3 : 1;
        var (firstChw, first) = ImageFiles.Load(images[0].Path, color, size, images[0].Origin);
        var exampleSize = firstChw.Length;
        var values = new float[(long)exampleSize * images.Count];
        firstChw.CopyTo(values, 0);
        var errors = new DataException?[images.Count];
        Parallel.For(1, images.Count, i =>
        {
            try
            {
                var (chw, _) = ImageFiles.Load(images[i].Path, color, size, images[i].Origin, first);
                chw.CopyTo(values, (long)i * exampleSize);
            }
            catch (DataException ex)
            {
                errors[i] = ex;
            }
        });
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            throw error;
        }

        var shape = size ?? first;
        return new Dataset(
            [DataColumn.Floats("input", [channels, shape.Height, shape.Width], values)],
            [DataColumn.Classes("target", labels, classNames.Count)],
            classNames);
    }

    private static string Describe(IReadOnlyList<string> names) =>
        names.Count <= 20
            ? string.Join(", ", names.Select(n => $"'{n}'"))
            : string.Join(", ", names.Take(20).Select(n => $"'{n}'")) + $" and {names.Count - 20} more";
}
