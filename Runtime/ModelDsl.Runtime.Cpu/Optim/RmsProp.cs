using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>RMSprop (PyTorch's rule; <paramref name="alpha"/> is Keras' rho), optional momentum and centring.</summary>
public sealed class RmsProp(
    IEnumerable<ParamGroup> groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
    : Optimizer(groups, lr, weightDecay, 3)
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public RmsProp(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : this([new ParamGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "rmsprop";

    /// <summary>Decay of the squared-gradient average.</summary>
    public double Alpha { get; } = alpha;

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; } = eps;

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; } = momentum;

    /// <summary>Whether the gradient mean is subtracted (centred RMSprop).</summary>
    public bool Centered { get; } = centered;

    internal override string[] SlotNames { get; } = ["square_avg", "momentum_buffer", "grad_avg"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var sq = state.Slot(0, param.Length);
        var buf = Momentum > 0 ? state.Slot(1, param.Length) : null;
        var gAvg = Centered ? state.Slot(2, param.Length) : null;
        var a = (float)Alpha;
        var eps = (float)Eps;
        var lr = (float)group.LearningRate;
        var mom = (float)Momentum;
        for (var i = 0; i < param.Length; i++)
        {
            sq[i] = (sq[i] * a) + (g[i] * g[i] * (1 - a));
            float avg;
            if (gAvg is not null)
            {
                gAvg[i] = (gAvg[i] * a) + (g[i] * (1 - a));
                avg = MathF.Sqrt(sq[i] - (gAvg[i] * gAvg[i])) + eps;
            }
            else
            {
                avg = MathF.Sqrt(sq[i]) + eps;
            }

            if (buf is not null)
            {
                buf[i] = (buf[i] * mom) + (g[i] / avg);
                param[i] -= lr * buf[i];
            }
            else
            {
                param[i] -= lr * g[i] / avg;
            }
        }
    }
}
