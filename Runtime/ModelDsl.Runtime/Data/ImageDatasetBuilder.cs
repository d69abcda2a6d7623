using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>Turns a list of labeled image files into a <see cref="Dataset"/> of CHW images and class indices.</summary>
internal static class ImageDatasetBuilder
{
    public static Dataset Build(IReadOnlyList<LabeledImage> images, ClassMap classes, ImageGeometry geometry, ColorMode color, string source)
    {
        if (images.Count == 0)
        {
            throw new DataException($"{source} lists no images.");
        }

        var labels = classes.IndicesOf([.. images.Select(i => i.Label)], i => images[i].Origin, i => images[i].Path);

        // The first image fixes the example size (and, without size: or crop:, the size every other image must have);
        // the rest decode in parallel. Errors are reported for the first failing image in listing order.
        var channels = color == ColorMode.Rgb ? 3 : 1;
        var (firstChw, first) = ImageFiles.LoadSized(images[0].Path, color, geometry, images[0].Origin);
        var exampleSize = firstChw.Length;
        var values = new float[(long)exampleSize * images.Count];
        firstChw.CopyTo(values, 0);
        var errors = new DataException?[images.Count];
        Parallel.For(1, images.Count, i =>
        {
            try
            {
                var (chw, _) = ImageFiles.LoadSized(images[i].Path, color, geometry, images[i].Origin, first);
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

        var shape = first;
        return new Dataset(
            [DataColumn.Floats("input", [channels, shape.Height, shape.Width], values)],
            [DataColumn.Classes("target", labels, classes.Count)],
            classes.Names);
    }
}
