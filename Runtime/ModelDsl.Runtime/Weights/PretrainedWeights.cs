using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// Pretrained initialisation, backend-neutral: which values of a weight file go into which of a model's tensors, for
/// the whole model or for named parts of it (a section, a block or group instance, a layer: <c>stem</c>,
/// <c>learner.residual_group_0</c>), through a <see cref="WeightNameMap"/>. Both backends call it and copy the result.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>The slots under the given parts (all slots when <paramref name="parts"/> is empty), in slot order.</summary>
    public static IReadOnlyList<WeightSlot> Select(IReadOnlyList<WeightSlot> slots, IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return slots;
        }

        foreach (var part in parts)
        {
            if (!slots.Any(s => InPart(s.Name, part)))
            {
                throw new ArgumentException($"the model has no weights under '{part}'", nameof(parts));
            }
        }

        return slots.Where(s => parts.Any(p => InPart(s.Name, p))).ToList();
    }

    /// <summary>The values for <paramref name="selected"/> (from <see cref="Select"/>), in their order.</summary>
    /// <param name="source">The file, for messages.</param>
    /// <param name="tensors">What the file holds.</param>
    /// <param name="selected">The model tensors to initialise.</param>
    /// <param name="map">How the file's names relate to the model's.</param>
    /// <param name="wholeModel">False when only parts are loaded: the file may then hold more than they need.</param>
    public static float[][] Bind(string source, IReadOnlyList<WeightTensor> tensors, IReadOnlyList<WeightSlot> selected, WeightNameMap map, bool wholeModel)
    {
        var named = map == WeightNameMap.Torchvision ? TorchvisionNames.Rename(source, tensors, selected, allowExtraLayers: !wholeModel) : tensors;
        return WeightBinder.Bind(source, named, selected, allowExtra: !wholeModel);
    }

    private static bool InPart(string name, string part) =>
        name.StartsWith(part, StringComparison.Ordinal) && name.Length > part.Length && name[part.Length] == '.';
}
