using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>
/// A building block holding parameters (trainable tensors), buffers (state such as batchnorm running
/// statistics) and named submodules. Names are explicit (<see cref="RegisterModule"/>), so parameter names
/// follow the model source: <c>stem.conv2d_0.weight</c>.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor)> _buffers = [];
    private readonly List<(string Name, Module Module)> _modules = [];

    /// <summary>True in training mode (dropout active, batchnorm uses batch statistics).</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Adds a submodule under <paramref name="name"/>; returns it for chaining into a field.</summary>
    public T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _modules.Add((name, module));
        return module;
    }

    /// <summary>Adds a trainable parameter (sets <see cref="Tensor.RequiresGrad"/>); returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Adds a non-trainable state tensor saved with the model; returns it.</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        _buffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Every parameter with its dotted name, depth first in registration order.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        foreach (var (name, module) in NamedModules())
        {
            foreach (var (local, tensor) in module._parameters)
            {
                yield return (Join(name, local), tensor);
            }
        }
    }

    /// <summary>Every buffer with its dotted name.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        foreach (var (name, module) in NamedModules())
        {
            foreach (var (local, tensor) in module._buffers)
            {
                yield return (Join(name, local), tensor);
            }
        }
    }

    /// <summary>
    /// Every parameter and buffer with its dotted name in PyTorch's <c>state_dict()</c> order: module by module depth
    /// first, each module's parameters before its buffers. Weight files are written in this order.
    /// </summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedState()
    {
        foreach (var (name, module) in NamedModules())
        {
            foreach (var (local, tensor) in module._parameters)
            {
                yield return (Join(name, local), tensor);
            }

            foreach (var (local, tensor) in module._buffers)
            {
                yield return (Join(name, local), tensor);
            }
        }
    }

    /// <summary>This module (name "") and every descendant with its dotted path.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        yield return (string.Empty, this);
        foreach (var (name, child) in _modules)
        {
            foreach (var (sub, module) in child.NamedModules())
            {
                yield return (Join(name, sub), module);
            }
        }
    }

    /// <summary>Every parameter (for an optimiser).</summary>
    public IEnumerable<Tensor> Parameters()
    {
        foreach (var (_, p) in NamedParameters())
        {
            yield return p;
        }
    }

    /// <summary>Parameters whose <see cref="Tensor.RequiresGrad"/> is set.</summary>
    public IEnumerable<Tensor> ParametersRequiringGrad()
    {
        foreach (var (_, p) in NamedParameters())
        {
            if (p.RequiresGrad)
            {
                yield return p;
            }
        }
    }

    /// <summary>The submodule at a dotted path, or null.</summary>
    public Module? GetSubmodule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (name, module) in NamedModules())
        {
            if (name == path)
            {
                return module;
            }
        }

        return null;
    }

    /// <summary>The parameter at a dotted name (<c>stem.conv2d_0.weight</c>), or null.</summary>
    public Tensor? GetParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, p) in NamedParameters())
        {
            if (n == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The buffer at a dotted name (<c>stem.batchnorm_0.running_mean</c>), or null.</summary>
    public Tensor? GetBuffer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, b) in NamedBuffers())
        {
            if (n == name)
            {
                return b;
            }
        }

        return null;
    }

    /// <summary>Number of elements of all parameters (trainable or frozen).</summary>
    public long ParameterCount()
    {
        long total = 0;
        foreach (var p in Parameters())
        {
            total += p.Count;
        }

        return total;
    }

    /// <summary>Sets training mode on this module and all descendants.</summary>
    public Module Train(bool training = true)
    {
        foreach (var (_, module) in NamedModules())
        {
            module.IsTraining = training;
        }

        return this;
    }

    /// <summary>Evaluation mode: dropout off, batchnorm uses running statistics.</summary>
    public Module Eval() => Train(false);

    /// <summary>Freezes (false) or unfreezes (true) every parameter of this module and its descendants.</summary>
    public void SetRequiresGrad(bool requiresGrad)
    {
        foreach (var p in Parameters())
        {
            p.RequiresGrad = requiresGrad;
            if (!requiresGrad)
            {
                p.Grad = null;
            }
        }
    }

    /// <summary>Zeroes the gradients of every parameter (keeps the buffers, so nothing is allocated).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
        {
            p.Grad?.Data.Clear();
        }
    }

    /// <summary>
    /// Copies of every parameter and buffer by dotted name (for example to restore the best weights after
    /// early stopping). Use <see cref="State.StateFile"/> for files.
    /// </summary>
    public IReadOnlyDictionary<string, float[]> StateDict()
    {
        var state = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, p) in NamedParameters())
        {
            state[name] = p.ToArray();
        }

        foreach (var (name, b) in NamedBuffers())
        {
            state[name] = b.ToArray();
        }

        return state;
    }

    /// <summary>Copies values from <see cref="StateDict"/> back; every name must be present with the same size.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, float[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var targets = new List<(Tensor Tensor, float[] Values)>();
        foreach (var (name, t) in NamedParameters().Concat(NamedBuffers()))
        {
            if (!state.TryGetValue(name, out var values))
            {
                throw new ArgumentException($"the state has no entry '{name}' {Tensor.Describe(t.ShapeArray)}", nameof(state));
            }

            if (values.Length != t.Count)
            {
                throw new ArgumentException($"the state entry '{name}' holds {values.Length} values but the tensor {Tensor.Describe(t.ShapeArray)} needs {t.Count}", nameof(state));
            }

            targets.Add((t, values));
        }

        if (state.Count != targets.Count)
        {
            var extra = state.Keys.Except(NamedParameters().Select(p => p.Name).Concat(NamedBuffers().Select(b => b.Name))).First();
            throw new ArgumentException($"the state holds '{extra}' that this module does not have", nameof(state));
        }

        foreach (var (t, values) in targets)
        {
            values.AsSpan().CopyTo(t.Data);
        }
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"module member name '{name}' must be non-empty and contain no '.'", nameof(name));
        }

        foreach (var (existing, _) in _parameters)
        {
            Duplicate(existing, name);
        }

        foreach (var (existing, _) in _buffers)
        {
            Duplicate(existing, name);
        }

        foreach (var (existing, _) in _modules)
        {
            Duplicate(existing, name);
        }
    }

    private void Duplicate(string existing, string name)
    {
        if (existing == name)
        {
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'", nameof(name));
        }
    }

    private static string Join(string prefix, string name) =>
        prefix.Length == 0 ? name : name.Length == 0 ? prefix : prefix + "." + name;
}
