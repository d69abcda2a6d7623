using System;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// The content of one IDX file: its element type, its dimensions (outermost first, as stored) and its
/// elements converted to <see cref="float"/> in row-major order. Pixel values stay as stored (0–255 for MNIST):
/// normalisation is a separate, explicit step.
/// </summary>
public sealed record IdxArray(IdxDataType DataType, int[] Dimensions, float[] Values)
{
    /// <summary>Number of items along the first dimension (examples for an image or label file).</summary>
    public int Count => Dimensions.Length == 0 ? 1 : Dimensions[0];

    /// <summary>The dimensions of one item (everything after the first dimension).</summary>
    public int[] ItemShape => Dimensions.Length == 0 ? [] : Dimensions.AsSpan(1).ToArray();

    /// <summary>The values as class indices (labels files).</summary>
    public int[] ToLabels()
    {
        var labels = new int[Values.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)Values[i];
        }

        return labels;
    }
}
