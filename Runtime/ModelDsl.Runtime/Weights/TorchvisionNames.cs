using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// The <c>torchvision</c> name map. torchvision's module names are positional (<c>layer2.1.conv2</c>, <c>features.17</c>)
/// and a <c>.model</c> file names layers by kind and index, so the map pairs layers by order: the file's layers (tensors
/// grouped by module path, batch-norm counters dropped) sorted into torchvision's registration order, against the
/// model's layers with weights in <c>.model</c> order, the i-th with the i-th. Every pair must hold the same tensors
/// (<c>weight</c>, <c>bias</c>, <c>running_mean</c>, <c>running_var</c>) with the same shapes, else the error lists the first
/// few pairs that differ. torchvision's order within a ResNet block is <c>conv1, bn1, conv2, bn2, (conv3, bn3,)
/// downsample</c>, so a <c>.model</c> block declares its projection shortcut after the main path.
/// </summary>
public static class TorchvisionNames
{
    private const int Listed = 4;

    // torchvision registers, at each level: conv, then bn of the same index; blocks (layerN) after the stem's conv1/bn1;
    // a block's downsample after its convs; VGG's features before classifier; ResNet's fc last.
    private static readonly string[] PrefixOrder = { "conv", "bn", "layer", "downsample", "features", "classifier", "fc" };

    /// <summary>
    /// Renames the file's tensors to the model's names for <paramref name="slots"/> (the model's tensors to load, in
    /// <c>state_dict()</c> order). With <paramref name="allowExtraLayers"/> the file may have more layers than the slots
    /// (loading a part: a new head replaces torchvision's <c>fc</c>); its first layers are used.
    /// </summary>
    public static IReadOnlyList<WeightTensor> Rename(string source, IReadOnlyList<WeightTensor> tensors, IReadOnlyList<WeightSlot> slots, bool allowExtraLayers)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(slots);
        var fileLayers = Group(tensors.Where(t => !WeightBinder.IsBatchCounter(t.Name)), t => t.Name)
            .OrderBy(g => g.Module, Comparer<string>.Create(Compare))
            .ToList();
        var modelLayers = Group(slots, s => s.Name).ToList();
        if (fileLayers.Count < modelLayers.Count || (!allowExtraLayers && fileLayers.Count > modelLayers.Count))
        {
            throw new WeightFileException(source, null, $"the torchvision map pairs layers in order, but the file has {fileLayers.Count} layers with weights and the model {(allowExtraLayers ? "part " : string.Empty)}{modelLayers.Count} (file: {Names(fileLayers.Select(l => l.Module))}; model: {Names(modelLayers.Select(l => l.Module))})");
        }

        var renamed = new List<WeightTensor>();
        var mismatches = new List<(string Key, string Text)>();
        for (var i = 0; i < modelLayers.Count; i++)
        {
            var (module, items) = modelLayers[i];
            var (fileModule, fileItems) = fileLayers[i];
            var byLocal = fileItems.ToDictionary(t => Local(t.Name), StringComparer.Ordinal);
            foreach (var slot in items)
            {
                var local = Local(slot.Name);
                if (byLocal.TryGetValue(local, out var tensor) && WeightTensor.SameShape(tensor.Shape, slot.Shape))
                {
                    renamed.Add(tensor with { Name = slot.Name });
                    continue;
                }

                var found = tensor is null
                    ? $"'{fileModule}' has no {local} (it has {string.Join(", ", byLocal.Keys)})"
                    : $"'{tensor.Name}' {WeightTensor.Describe(tensor.Shape)}";
                mismatches.Add((slot.Name, $"'{slot.Name}' expected {WeightTensor.Describe(slot.Shape)}, found {found}"));
            }

            if (byLocal.Count > items.Count)
            {
                var extra = byLocal.Keys.Except(items.Select(s => Local(s.Name))).First();
                mismatches.Add((items[0].Name, $"'{module}' has no {extra}, but its torchvision partner '{fileModule}' does"));
            }
        }

        if (mismatches.Count > 0)
        {
            var list = string.Join("; ", mismatches.Take(Listed).Select(m => m.Text));
            var more = mismatches.Count > Listed ? $"; … {mismatches.Count - Listed} more" : string.Empty;
            throw new WeightFileException(source, mismatches[0].Key, $"the torchvision map paired layers that differ: {list}{more}. Is the .model file the same architecture, its layers in torchvision's order?");
        }

        return renamed;
    }

    /// <summary>Compares two torchvision module paths by torchvision's registration order.</summary>
    public static int Compare(string? left, string? right)
    {
        var a = (left ?? string.Empty).Split('.');
        var b = (right ?? string.Empty).Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var order = CompareSegment(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int CompareSegment(string a, string b)
    {
        var (aNumber, aPrefix) = Split(a);
        var (bNumber, bPrefix) = Split(b);
        var order = aNumber.CompareTo(bNumber);
        if (order != 0)
        {
            return order;
        }

        order = Rank(aPrefix).CompareTo(Rank(bPrefix));
        return order != 0 ? order : string.CompareOrdinal(aPrefix, bPrefix);
    }

    // "conv2" → (2, "conv"); "17" → (17, ""); "fc" → (max, "fc"): unnumbered modules come after the numbered ones.
    private static (long Number, string Prefix) Split(string segment)
    {
        var digits = segment.Length;
        while (digits > 0 && char.IsAsciiDigit(segment[digits - 1]))
        {
            digits--;
        }

        var prefix = segment[..digits];
        return digits == segment.Length || !long.TryParse(segment[digits..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (long.MaxValue, prefix)
            : (number, prefix);
    }

    private static int Rank(string prefix)
    {
        var index = Array.IndexOf(PrefixOrder, prefix);
        return index < 0 ? PrefixOrder.Length : index;
    }

    private static IEnumerable<(string Module, List<T> Items)> Group<T>(IEnumerable<T> items, Func<T, string> name)
    {
        var groups = new List<(string Module, List<T> Items)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var module = Module(name(item));
            if (!index.TryGetValue(module, out var i))
            {
                i = groups.Count;
                index[module] = i;
                groups.Add((module, new List<T>()));
            }

            groups[i].Items.Add(item);
        }

        return groups;
    }

    private static string Module(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? string.Empty : name[..dot];
    }

    private static string Local(string name) => name[(name.LastIndexOf('.') + 1)..];

    private static string Names(IEnumerable<string> modules)
    {
        var list = modules.ToList();
        return string.Join(", ", list.Take(Listed)) + (list.Count > Listed ? $", … {list.Count - Listed} more" : string.Empty);
    }
}
