using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Weights;

namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>
/// The Cpu engine's side of portable weights: a module's parameters and buffers as backend-neutral
/// <see cref="WeightTensor"/>s (keys = the <c>.model</c> names, batch-norm <c>running_mean</c>/<c>running_var</c>
/// included), saved to and loaded from safetensors files that the TorchSharp backend reads and writes too.
/// </summary>
public static class CpuWeights
{
    // Weight files hold what a forward reads: a cumulative batch norm's counter stays in checkpoints only, as the
    // TorchSharp side leaves num_batches_tracked out too.
    private static IEnumerable<(string Name, Tensor Tensor)> PortableState(Module module) =>
        module.NamedState().Where(s => !WeightBinder.IsBatchCounter(s.Name));

    /// <summary>Copies of every parameter and buffer in <c>state_dict()</c> order (a cumulative batch norm's counter aside).</summary>
    public static IReadOnlyList<WeightTensor> Collect(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return PortableState(module).Select(s => new WeightTensor(s.Name, s.Tensor.Shape.Select(d => (long)d).ToArray(), s.Tensor.ToArray())).ToList();
    }

    /// <summary>Writes the module's weights to a safetensors file, atomically.</summary>
    public static void Save(Module module, string path) => SafetensorsFile.Write(path, Collect(module));

    /// <summary>
    /// Loads every parameter and buffer of the module from a safetensors file: all of them must be present with the
    /// module's shapes and nothing else may be in the file (else nothing is loaded and a
    /// <see cref="WeightFileException"/> names the first offending key).
    /// </summary>
    public static void Load(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Load(module, SafetensorsFile.Read(path), path, prefix: string.Empty, allowExtra: false);
    }

    /// <summary>
    /// Loads the tensors whose names start with <paramref name="prefix"/> (a section, block instance or layer path; empty
    /// for the whole module) from <paramref name="tensors"/>, read from <paramref name="source"/>.
    /// </summary>
    public static void Load(Module module, IReadOnlyList<WeightTensor> tensors, string source, string prefix, bool allowExtra)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(prefix);
        var targets = PortableState(module).Where(s => InPart(s.Name, prefix)).ToList();
        if (targets.Count == 0)
        {
            throw new ArgumentException($"the model has no weights under '{prefix}'", nameof(prefix));
        }

        var slots = targets.Select(t => new WeightSlot(t.Name, t.Tensor.Shape.Select(d => (long)d).ToArray())).ToList();
        var values = WeightBinder.Bind(source, tensors, slots, allowExtra);
        for (var i = 0; i < targets.Count; i++)
        {
            values[i].AsSpan().CopyTo(targets[i].Tensor.Data);
        }
    }

    /// <summary>
    /// Initialises the model, or the named parts of it, from a pretrained weight file read through <paramref name="map"/>
    /// (a torchvision state_dict with <see cref="WeightNameMap.Torchvision"/>). Names and shapes are checked before
    /// anything is copied.
    /// </summary>
    /// <param name="module">The model.</param>
    /// <param name="path">A safetensors file.</param>
    /// <param name="map">How the file's names relate to the <c>.model</c> names.</param>
    /// <param name="parts">Sections, block/group instances or layers to initialise (<c>stem</c>, <c>learner</c>); none for the whole model.</param>
    public static void LoadPretrained(Module module, string path, WeightNameMap map, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parts);
        var state = PortableState(module).ToList();
        var slots = state.Select(s => new WeightSlot(s.Name, s.Tensor.Shape.Select(d => (long)d).ToArray())).ToList();
        var selected = PretrainedWeights.Select(slots, parts);
        var values = PretrainedWeights.Bind(path, SafetensorsFile.Read(path), selected, map, wholeModel: parts.Length == 0);
        var byName = state.ToDictionary(s => s.Name, s => s.Tensor, StringComparer.Ordinal);
        for (var i = 0; i < selected.Count; i++)
        {
            values[i].AsSpan().CopyTo(byName[selected[i].Name].Data);
        }
    }

    private static bool InPart(string name, string prefix) =>
        prefix.Length == 0 || name == prefix || (name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.');
}
