using System;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// One array of a <see cref="Batch"/>: float values with a full shape whose first dimension is the batch size,
/// or class indices (shape [N]). Backends turn it into their own tensor type.
/// </summary>
public sealed class BatchTensor
{
    private BatchTensor(string name, int[] shape, float[]? values, int[]? classIndices, int classCount)
    {
        Name = name;
        Shape = shape;
        Values = values;
        ClassIndices = classIndices;
        ClassCount = classCount;
    }

    public string Name { get; }

    /// <summary>The full shape, batch dimension first.</summary>
    public int[] Shape { get; }

    /// <summary>Row-major values for a float tensor; null for class indices.</summary>
    public float[]? Values { get; }

    /// <summary>Class index per example for a label tensor; null otherwise.</summary>
    public int[]? ClassIndices { get; }

    public int ClassCount { get; }

    public bool IsClassIndices => ClassIndices is not null;

    public int BatchSize => Shape[0];

    /// <summary>The shape as <see cref="long"/>s, which TorchSharp's tensor factories take.</summary>
    public long[] LongShape => Array.ConvertAll(Shape, d => (long)d);

    public static BatchTensor FromValues(string name, int[] shape, float[] values) => new(name, shape, values, null, 0);

    public static BatchTensor FromClasses(string name, int[] classIndices, int classCount) =>
        new(name, [classIndices.Length], null, classIndices, classCount);

    /// <summary>The float values; class indices are returned as floats (binary targets, regression on labels).</summary>
    public float[] AsFloats()
    {
        if (Values is not null)
        {
            return Values;
        }

        return Array.ConvertAll(ClassIndices!, c => (float)c);
    }

    /// <summary>Class indices as <see cref="long"/>s (the index type cross-entropy losses take in TorchSharp).</summary>
    public long[] AsLongClassIndices() =>
        Array.ConvertAll(ClassIndices ?? throw new InvalidOperationException($"'{Name}' holds float values, not class indices."), c => (long)c);

    /// <summary>One-hot rows [N, ClassCount] for categorical cross-entropy; float tensors are returned as they are.</summary>
    public BatchTensor ToOneHot() =>
        ClassIndices is null ? this : FromValues(Name, [ClassIndices.Length, ClassCount], OneHot.Encode(ClassIndices, ClassCount));
}
