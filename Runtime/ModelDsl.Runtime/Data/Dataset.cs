using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// An in-memory dataset: input columns (features; several for a multi-input model) and target columns
/// (labels or float targets; several for a multi-output model), all with the same number of examples.
/// Values are kept as loaded (pixels 0–255); normalisation and augmentation happen per batch.
/// </summary>
public sealed class Dataset
{
    public Dataset(IReadOnlyList<DataColumn> inputs, IReadOnlyList<DataColumn> targets, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count == 0)
        {
            throw new DataException("A dataset needs at least one input column.");
        }

        Count = inputs[0].Count;
        foreach (var column in inputs.Concat(targets))
        {
            if (column.Count != Count)
            {
                throw new DataException(
                    $"Column '{column.Name}' has {column.Count} examples but '{inputs[0].Name}' has {Count}; every column needs one entry per example.");
            }
        }

        Inputs = inputs;
        Targets = targets;
        ClassNames = classNames ?? [];
    }

    public IReadOnlyList<DataColumn> Inputs { get; }

    public IReadOnlyList<DataColumn> Targets { get; }

    /// <summary>Class names by index, when the data came with names (image folders, manifests).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    public int Count { get; }

    /// <summary>The single input column of a one-input dataset.</summary>
    public DataColumn Features => Inputs[0];

    /// <summary>Features with class labels: the common classification case.</summary>
    public static Dataset FromArrays(float[] features, int[] exampleShape, int[] labels, int? classCount = null, IReadOnlyList<string>? classNames = null) =>
        new([DataColumn.Floats("input", exampleShape, features)], [DataColumn.Classes("target", labels, classCount ?? classNames?.Count)], classNames);

    /// <summary>Features with float targets (regression, or one-hot / multi-label targets).</summary>
    public static Dataset FromArrays(float[] features, int[] exampleShape, float[] targets, int[] targetShape) =>
        new([DataColumn.Floats("input", exampleShape, features)], [DataColumn.Floats("target", targetShape, targets)]);

    /// <summary>Features only (prediction).</summary>
    public static Dataset FromFeatures(float[] features, int[] exampleShape) =>
        new([DataColumn.Floats("input", exampleShape, features)], []);

    /// <summary>The examples at <paramref name="indices"/>, copied, in that order.</summary>
    public Dataset Select(IReadOnlyList<int> indices)
    {
        foreach (var i in indices)
        {
            if ((uint)i >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {i} is outside 0..{Count - 1}.");
            }
        }

        return new Dataset([.. Inputs.Select(c => c.Select(indices))], [.. Targets.Select(c => c.Select(indices))], ClassNames);
    }

    /// <summary>
    /// Holds out the <b>last</b> <paramref name="fraction"/> of the examples, in their order, unshuffled — Keras'
    /// <c>validation_split</c> (the data is split before any shuffling, and the same examples are held out every
    /// epoch). The held-out part has ⌈N·fraction⌉ examples (Keras: N − ⌊N·(1 − fraction)⌋). Loaders that list data
    /// by class order it so that the last examples hold every class (see <see cref="ImageFolderLoader"/>).
    /// <paramref name="part"/> names what is held out ("validation", "test") in errors.
    /// </summary>
    public (Dataset Kept, Dataset HeldOut) SplitLast(double fraction, string part = "validation")
    {
        ArgumentNullException.ThrowIfNull(part);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new DataException($"A {part} split fraction must be between 0 and 1 (exclusive); got {fraction.ToString(CultureInfo.InvariantCulture)}.");
        }

        var heldOut = HeldOutCount(Count, fraction);
        if (heldOut == 0 || heldOut >= Count)
        {
            throw new DataException(
                $"Holding out {fraction.ToString(CultureInfo.InvariantCulture)} of {Count} examples as the {part} split leaves {(heldOut == 0 ? $"no {part}" : "no training")} examples; use more data or another fraction.");
        }

        var kept = Count - heldOut;
        return (Select([.. Enumerable.Range(0, kept)]), Select([.. Enumerable.Range(kept, heldOut)]));
    }

    /// <summary>⌈count·fraction⌉, immune to the rounding error of products such as 10 · 0.3 = 3.0000000000000004.</summary>
    public static int HeldOutCount(int count, double fraction) =>
        (int)Math.Min(count, Math.Ceiling((count * fraction) - 1e-9));

    /// <summary>Gathers the examples at <paramref name="indices"/> into a batch (arrays from <paramref name="pool"/> when given).</summary>
    public Batch GetBatch(ReadOnlySpan<int> indices, BatchPool? pool = null)
    {
        var inputs = new BatchTensor[Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = Inputs[i].Gather(indices, pool);
        }

        var targets = new BatchTensor[Targets.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = Targets[i].Gather(indices, pool);
        }

        return new Batch(inputs, targets, indices.ToArray());
    }

    /// <summary>
    /// The targets of the examples at <paramref name="indices"/>, with no inputs: a batch for a session that keeps the
    /// inputs itself (see <see cref="Batch.ResidentInputs"/>).
    /// </summary>
    public Batch GetTargets(ReadOnlySpan<int> indices, BatchPool? pool = null)
    {
        var targets = new BatchTensor[Targets.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = Targets[i].Gather(indices, pool);
        }

        return new Batch([], targets, indices.ToArray());
    }
}
