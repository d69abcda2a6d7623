using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>
/// NAdam (Adam with Nesterov momentum and momentum decay, PyTorch ≥ 2.0's rule: μ_{t+1} product = Πμ · μ_{t+1}).
/// </summary>
public sealed class NAdam(
    IEnumerable<ParamGroup> groups, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
    : Optimizer(groups, lr, weightDecay, 2)
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public NAdam(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, momentumDecay)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "nadam";

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; } = eps;

    /// <summary>Momentum decay ψ.</summary>
    public double MomentumDecay { get; } = momentumDecay;

    internal override string[] SlotNames { get; } = ["exp_avg", "exp_avg_sq"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var m = state.Slot(0, param.Length);
        var v = state.Slot(1, param.Length);
        double step = state.Step;
        var lr = group.LearningRate;
        var correction2 = 1 - Math.Pow(Beta2, step);
        var mu = Beta1 * (1.0 - (0.5 * Math.Pow(0.96, step * MomentumDecay)));
        var muNext = Beta1 * (1.0 - (0.5 * Math.Pow(0.96, (step + 1) * MomentumDecay)));
        state.Scalar *= mu;
        var muProductNext = state.Scalar * muNext;
        var gradScale = (float)(-lr * (1.0 - mu) / (1.0 - state.Scalar));
        var avgScale = (float)(-lr * muNext / (1.0 - muProductNext));
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var eps = (float)Eps;
        var c2 = (float)correction2;
        for (var i = 0; i < param.Length; i++)
        {
            m[i] = (m[i] * b1) + (g[i] * (1 - b1));
            v[i] = (v[i] * b2) + (g[i] * g[i] * (1 - b2));
            var denom = MathF.Sqrt(v[i] / c2) + eps;
            param[i] += (gradScale * g[i] / denom) + (avgScale * m[i] / denom);
        }
    }
}
