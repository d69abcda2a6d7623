using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Adamax, the infinity-norm variant of Adam (PyTorch's rule).</summary>
public sealed class Adamax(IEnumerable<ParamGroup> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    : Optimizer(groups, lr, weightDecay, 2)
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public Adamax(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "adamax";

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>Infinity-norm decay.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>Added to |grad|.</summary>
    public double Eps { get; } = eps;

    internal override string[] SlotNames { get; } = ["exp_avg", "exp_inf"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var m = state.Slot(0, param.Length);
        var u = state.Slot(1, param.Length);
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var eps = (float)Eps;
        var clr = (float)(group.LearningRate / (1 - Math.Pow(Beta1, state.Step)));
        for (var i = 0; i < param.Length; i++)
        {
            m[i] = (m[i] * b1) + (g[i] * (1 - b1));
            u[i] = MathF.Max(u[i] * b2, MathF.Abs(g[i]) + eps);
            param[i] -= clr * m[i] / u[i];
        }
    }
}
