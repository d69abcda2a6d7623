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
    /// <summary>Copies of every parameter and buffer in <c>state_dict()</c> order.</summary>
    public static IReadOnlyList<WeightTensor> Collect(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.NamedState().Select(s => new WeightTensor(s.Name, s.Tensor.Shape.Select(d => (long)d).ToArray(), s.Tensor.ToArray())).ToList();
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
        var targets = module.NamedState().Where(s => InPart(s.Name, prefix)).ToList();
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

    private static bool InPart(string name, string prefix) =>
        prefix.Length == 0 || name == prefix || (name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.');
}
