using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Runs named layers one after another.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    /// <summary>Creates the container with the given named layers.</summary>
    public Sequential(params (string Name, Module<Tensor, Tensor> Layer)[] layers)
    {
        foreach (var (name, layer) in layers)
        {
            Append(name, layer);
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Layers => _layers;

    /// <summary>Adds a layer at the end; returns this.</summary>
    public Sequential Append(string name, Module<Tensor, Tensor> layer)
    {
        _layers.Add(RegisterModule(name, layer));
        return this;
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }
}
