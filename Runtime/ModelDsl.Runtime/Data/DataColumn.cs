using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// One named array of a <see cref="Dataset"/>, one entry per example: either float values of a fixed example
/// shape (images, measurements, regression targets, one-hot targets) or integer class indices.
/// </summary>
public sealed class DataColumn
{
    private DataColumn(string name, int[] exampleShape, float[]? values, int[]? classIndices, int classCount, int count)
    {
        Name = name;
        ExampleShape = exampleShape;
        Values = values;
        ClassIndices = classIndices;
        ClassCount = classCount;
        Count = count;
    }

    public string Name { get; }

    /// <summary>The shape of one example (no batch dimension); empty for class indices.</summary>
    public int[] ExampleShape { get; }

    /// <summary>Row-major float values, <c>Count × product(ExampleShape)</c>; null for class indices.</summary>
    public float[]? Values { get; }

    /// <summary>Class index per example; null for float columns.</summary>
    public int[]? ClassIndices { get; }

    /// <summary>The number of classes of a class-index column (0 for float columns).</summary>
    public int ClassCount { get; }

    public int Count { get; }

    public bool IsClassIndices => ClassIndices is not null;

    /// <summary>Elements per example.</summary>
    public int ExampleSize => ExampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>A float column: <paramref name="values"/> holds <c>count × product(exampleShape)</c> values.</summary>
    public static DataColumn Floats(string name, int[] exampleShape, float[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(exampleShape);
        ArgumentNullException.ThrowIfNull(values);
        if (exampleShape.Any(d => d <= 0))
        {
            throw new DataException($"Column '{name}' has example shape [{string.Join(", ", exampleShape)}]; every dimension must be positive.");
        }

        var size = exampleShape.Aggregate(1, (a, b) => a * b);
        if (values.Length % size != 0)
        {
            throw new DataException(
                $"Column '{name}' has {values.Length} values, which is not a whole number of examples of shape " +
                $"[{string.Join(", ", exampleShape)}] ({size} values each).");
        }

        return new DataColumn(name, (int[])exampleShape.Clone(), values, null, 0, values.Length / size);
    }

    /// <summary>A class-index column; <paramref name="classCount"/> defaults to the largest index + 1.</summary>
    public static DataColumn Classes(string name, int[] classIndices, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(classIndices);
        var max = classIndices.Length == 0 ? -1 : classIndices.Max();
        var min = classIndices.Length == 0 ? 0 : classIndices.Min();
        if (min < 0)
        {
            throw new DataException($"Column '{name}' holds the negative class index {min} at example {Array.IndexOf(classIndices, min)}; class indices start at 0.");
        }

        var classes = classCount ?? (max + 1);
        if (max >= classes)
        {
            throw new DataException(
                $"Column '{name}' holds class index {max} at example {Array.IndexOf(classIndices, max)}, but there are only {classes} classes (0..{classes - 1}).");
        }

        return new DataColumn(name, [], null, classIndices, classes, classIndices.Length);
    }

    /// <summary>The same column restricted to <paramref name="indices"/> (copied, in that order).</summary>
    public DataColumn Select(IReadOnlyList<int> indices)
    {
        if (ClassIndices is not null)
        {
            var labels = new int[indices.Count];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = ClassIndices[indices[i]];
            }

            return new DataColumn(Name, ExampleShape, null, labels, ClassCount, labels.Length);
        }

        var size = ExampleSize;
        var values = new float[indices.Count * size];
        var source = Values.AsSpan();
        for (var i = 0; i < indices.Count; i++)
        {
            source.Slice(indices[i] * size, size).CopyTo(values.AsSpan(i * size, size));
        }

        return new DataColumn(Name, ExampleShape, values, null, 0, indices.Count);
    }

    /// <summary>Copies the examples at <paramref name="indices"/> into a batch tensor (arrays from <paramref name="pool"/> when given).</summary>
    public BatchTensor Gather(ReadOnlySpan<int> indices, BatchPool? pool = null)
    {
        var n = indices.Length;
        if (ClassIndices is not null)
        {
            var labels = pool?.RentInts(n) ?? new int[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = ClassIndices[indices[i]];
            }

            return BatchTensor.FromClasses(Name, labels, ClassCount);
        }

        var size = ExampleSize;
        var values = pool?.RentFloats(n * size) ?? new float[n * size];
        var source = Values.AsSpan();
        for (var i = 0; i < n; i++)
        {
            source.Slice(indices[i] * size, size).CopyTo(values.AsSpan(i * size, size));
        }

        return BatchTensor.FromValues(Name, [n, .. ExampleShape], values);
    }
}
