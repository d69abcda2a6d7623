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
        var classIndices = labels.ToLabels();
        for (var i = 0; i < classIndices.Length; i++)
        {
            if (classIndices[i] < 0 || (classCount is { } k && classIndices[i] >= k))
            {
                throw new DataException(
                    $"IDX file '{labelsPath}' has label {classIndices[i]} at index {i}, outside the classes 0..{(classCount ?? 1) - 1}.")
                { Path = labelsPath };
            }
        }

        return new Dataset([DataColumn.Floats("input", shape, images.Values)], [DataColumn.Classes("target", classIndices, classCount)]);
    }
}
