using System;
using System.Globalization;

namespace ModelDsl.Runtime.Data;

/// <summary><c>idx(images: "...", labels: "...")</c>: MNIST-style image and label files as a <see cref="Dataset"/> of [1, H, W] images.</summary>
public static class IdxDataset
{
    public static Dataset Load(string imagesPath, string labelsPath, int? classCount = null)
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.Dimensions.Length is not (2 or 3 or 4))
        {
            throw new DataException(
                $"IDX file '{imagesPath}' has dimensions [{string.Join(", ", images.Dimensions)}]; an image file has [N, H, W] (or [N, C, H, W]). Are images and labels swapped?")
            { Path = imagesPath };
        }

        if (labels.Dimensions.Length != 1)
        {
            throw new DataException(
                $"IDX file '{labelsPath}' has dimensions [{string.Join(", ", labels.Dimensions)}]; a label file has one dimension [N]. Are images and labels swapped?")
            { Path = labelsPath };
        }

        if (images.Count != labels.Count)
        {
            throw new DataException(
                $"IDX files disagree: '{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Count} labels.")
            { Path = labelsPath };
        }

        int[] shape = images.Dimensions.Length switch
        {
            // [N, F]: one row of F features per example (a tabular IDX), not a 1×F image.
            2 => [images.Dimensions[1]],
            3 => [1, images.Dimensions[1], images.Dimensions[2]],
            _ => images.ItemShape,
        };
        var classIndices = Labels(labels, labelsPath, classCount);
        return new Dataset([DataColumn.Floats("input", shape, images.Values)], [DataColumn.Classes("target", classIndices, classCount)]);
    }

    /// <summary>
    /// The labels as class indices, each checked before any class table is sized from them: integral, finite, and
    /// within the declared classes (or below <see cref="ClassMap.MaxClasses"/> when the count is discovered).
    /// </summary>
    private static int[] Labels(IdxArray labels, string labelsPath, int? classCount)
    {
        var limit = classCount ?? ClassMap.MaxClasses;
        var indices = new int[labels.Values.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var value = labels.Values[i];
            if (float.IsNaN(value) || float.IsInfinity(value) || value != MathF.Floor(value))
            {
                throw new DataException(
                    $"IDX file '{labelsPath}' has label {value.ToString(CultureInfo.InvariantCulture)} at index {i}; a label is a whole class number.")
                { Path = labelsPath };
            }

            if (value < 0 || value >= limit)
            {
                var range = classCount is null
                    ? $"at most {ClassMap.MaxClasses.ToString("N0", CultureInfo.InvariantCulture)} classes (0..{(ClassMap.MaxClasses - 1).ToString("N0", CultureInfo.InvariantCulture)}) are supported"
                    : $"outside the classes 0..{classCount - 1}";
                throw new DataException(
                    $"IDX file '{labelsPath}' has label {((double)value).ToString("0", CultureInfo.InvariantCulture)} at index {i}; {range}.")
                { Path = labelsPath };
            }

            indices[i] = (int)value;
        }

        return indices;
    }
}
