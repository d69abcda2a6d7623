using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// Matches the tensors of a weight file against the tensors a model expects, by name, before anything is copied: a
/// missing tensor, a tensor the model does not have, or a shape that differs is a <see cref="WeightFileException"/>
/// naming the file and the first offending key, with the first few expected-versus-found pairs, so a model's weights
/// are either loaded completely or left untouched.
/// </summary>
public static class WeightBinder
{
    /// <summary>PyTorch's batch-norm counter: neither backend's forward reads it, so it is skipped when present.</summary>
    public const string BatchCounterSuffix = "num_batches_tracked";

    /// <summary>Whether a state name is a batch norm's <see cref="BatchCounterSuffix"/> counter (the layer's or a lone one).</summary>
    public static bool IsBatchCounter(string name) =>
        name is not null && (name == BatchCounterSuffix || name.EndsWith("." + BatchCounterSuffix, StringComparison.Ordinal));

    private const int Listed = 5;

    /// <summary>The values for each slot, in slot order.</summary>
    /// <param name="source">The file, for messages.</param>
    /// <param name="tensors">What the file holds.</param>
    /// <param name="slots">What the model expects.</param>
    /// <param name="allowExtra">True to ignore file tensors no slot asks for (loading a part of a model).</param>
    public static float[][] Bind(string source, IReadOnlyList<WeightTensor> tensors, IReadOnlyList<WeightSlot> slots, bool allowExtra = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(slots);
        var byName = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            byName[tensor.Name] = tensor;
        }

        var missing = slots.Where(s => !byName.ContainsKey(s.Name)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Take(Listed).Select(s => $"'{s.Name}' {WeightTensor.Describe(s.Shape)}"));
            var found = string.Join(", ", tensors.Where(t => !IsBatchCounter(t.Name)).Take(Listed).Select(t => $"'{t.Name}'"));
            throw new WeightFileException(source, missing[0].Name, $"the file has no tensor for {missing.Count} of the model's {slots.Count} tensors (expected {list}{More(missing.Count)}; the file holds {found}{More(tensors.Count)})");
        }

        var mismatched = slots.Where(s => !WeightTensor.SameShape(s.Shape, byName[s.Name].Shape)).ToList();
        if (mismatched.Count > 0)
        {
            var list = string.Join("; ", mismatched.Take(Listed).Select(s => $"'{s.Name}' expected {WeightTensor.Describe(s.Shape)}, found {WeightTensor.Describe(byName[s.Name].Shape)}"));
            throw new WeightFileException(source, mismatched[0].Name, $"{mismatched.Count} tensors have another shape than the model's: {list}{More(mismatched.Count)}");
        }

        if (!allowExtra)
        {
            var expected = new HashSet<string>(slots.Select(s => s.Name), StringComparer.Ordinal);
            var extra = tensors.Where(t => !expected.Contains(t.Name) && !IsBatchCounter(t.Name)).ToList();
            if (extra.Count > 0)
            {
                var list = string.Join(", ", extra.Take(Listed).Select(t => $"'{t.Name}' {WeightTensor.Describe(t.Shape)}"));
                throw new WeightFileException(source, extra[0].Name, $"the file holds {extra.Count} tensors the model does not have ({list}{More(extra.Count)}); is it the weight file of another model?");
            }
        }

        return slots.Select(s => byName[s.Name].Values).ToArray();
    }

    private static string More(int count) => count > Listed ? $", … {count - Listed} more" : string.Empty;
}
