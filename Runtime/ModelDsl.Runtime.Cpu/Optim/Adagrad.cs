using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Adagrad (PyTorch's rule, with learning-rate decay and an initial accumulator value).</summary>
public sealed class Adagrad(
    IEnumerable<ParamGroup> groups, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
    : Optimizer(groups, lr, weightDecay, 1)
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double eps = 1e-10)
        : this([new ParamGroup(parameters)], lr, lrDecay, weightDecay, initialAccumulatorValue, eps)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "adagrad";

    /// <summary>Learning-rate decay per step.</summary>
    public double LrDecay { get; } = lrDecay;

    /// <summary>Starting value of the squared-gradient sum.</summary>
    public double InitialAccumulatorValue { get; } = initialAccumulatorValue;

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; } = eps;

    internal override string[] SlotNames { get; } = ["sum"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        var sum = state.Slot(0, param.Length, (float)InitialAccumulatorValue);
        var clr = (float)(group.LearningRate / (1 + ((state.Step - 1) * LrDecay)));
        var eps = (float)Eps;
        for (var i = 0; i < param.Length; i++)
        {
            sum[i] += g[i] * g[i];
            param[i] -= clr * g[i] / (MathF.Sqrt(sum[i]) + eps);
        }
    }
}
