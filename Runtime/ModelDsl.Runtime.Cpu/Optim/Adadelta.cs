using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Adadelta (PyTorch's rule; lr = 1 by default).</summary>
public sealed class Adadelta(IEnumerable<ParamGroup> groups, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0)
    : Optimizer(groups, lr, weightDecay, 2)
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public Adadelta(IEnumerable<Tensor> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0)
        : this([new ParamGroup(parameters)], lr, rho, eps, weightDecay)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "adadelta";

    /// <summary>Decay of the running averages.</summary>
    public double Rho { get; } = rho;

    /// <summary>Epsilon inside the square roots.</summary>
    public double Eps { get; } = eps;

    internal override string[] SlotNames { get; } = ["square_avg", "acc_delta"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var sq = state.Slot(0, param.Length);
        var acc = state.Slot(1, param.Length);
        var rho = (float)Rho;
        var eps = (float)Eps;
        var lr = (float)group.LearningRate;
        for (var i = 0; i < param.Length; i++)
        {
            sq[i] = (sq[i] * rho) + (g[i] * g[i] * (1 - rho));
            var std = MathF.Sqrt(sq[i] + eps);
            var delta = MathF.Sqrt(acc[i] + eps) / std * g[i];
            acc[i] = (acc[i] * rho) + (delta * delta * (1 - rho));
            param[i] -= lr * delta;
        }
    }
}
