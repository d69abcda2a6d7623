using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay (PyTorch's SGD).</summary>
public sealed class Sgd : Optimizer
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public Sgd(IEnumerable<Tensor> parameters, double lr, double momentum = 0, bool nesterov = false, double weightDecay = 0, double dampening = 0)
        : this([new ParamGroup(parameters)], lr, momentum, nesterov, weightDecay, dampening)
    {
    }

    /// <summary>Several parameter groups.</summary>
    public Sgd(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, bool nesterov = false, double weightDecay = 0, double dampening = 0)
        : base(groups, lr, weightDecay, 1)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }

        Momentum = momentum;
        Nesterov = nesterov;
        Dampening = dampening;
    }

    /// <inheritdoc/>
    public override string Kind => "sgd";

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>Dampening of the momentum.</summary>
    public double Dampening { get; }

    internal override string[] SlotNames { get; } = ["momentum_buffer"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var d = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var lr = (float)group.LearningRate;
        if (Momentum == 0)
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(d, -lr, param, param);
            return;
        }

        var momentum = (float)Momentum;
        var keep = (float)(1 - Dampening);
        var first = state.Slots[0] is null;
        var buf = state.Slot(0, param.Length);
        for (var i = 0; i < param.Length; i++)
        {
            // First step: buf = d (PyTorch clones the gradient).
            buf[i] = first ? d[i] : (buf[i] * momentum) + (d[i] * keep);
            var step = Nesterov ? d[i] + (momentum * buf[i]) : buf[i];
            param[i] -= lr * step;
        }
    }
}
