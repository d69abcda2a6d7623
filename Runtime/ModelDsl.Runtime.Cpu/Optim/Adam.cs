using System;
using System.Collections.Generic;
using System.Numerics;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>
/// Adam (L2 weight decay added to the gradient) with optional AMSGrad; <see cref="AdamW"/> derives the
/// decoupled-decay variant. Matches PyTorch's update rule.
/// </summary>
public class Adam : Optimizer
{
    private float[]? _scratch;

    /// <summary>One group of parameters.</summary>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>Several parameter groups.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : base(groups, lr, weightDecay, 3)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"betas must be in [0, 1): {beta1}, {beta2}");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        AmsGrad = amsgrad;
    }

    /// <inheritdoc/>
    public override string Kind => "adam";

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Denominator epsilon.</summary>
    public double Eps { get; }

    /// <summary>Whether the maximum of past second moments is used (AMSGrad).</summary>
    public bool AmsGrad { get; }

    /// <summary>True for AdamW's decoupled weight decay.</summary>
    private protected virtual bool DecoupledWeightDecay => false;

    internal override string[] SlotNames { get; } = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    private protected override void Update(ParamGroup group, float[] param, float[] grad, ParameterState state)
    {
        var lr = group.LearningRate;
        float[] g;
        if (DecoupledWeightDecay)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(param, (float)(1 - (lr * group.WeightDecay)), param);
            g = grad;
        }
        else
        {
            g = WithWeightDecay(grad, param, group.WeightDecay, ref _scratch);
        }

        var m = state.Slot(0, param.Length);
        var v = state.Slot(1, param.Length);
        var vmax = AmsGrad ? state.Slot(2, param.Length) : null;
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var stepSize = (float)(lr / (1 - Math.Pow(Beta1, state.Step)));
        var correction2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, state.Step));
        var eps = (float)Eps;
        var i = Vector.IsHardwareAccelerated ? UpdateVectorized(param, g, m, v, vmax, b1, b2, stepSize, correction2Sqrt, eps) : 0;
        for (; i < param.Length; i++)
        {
            m[i] = (m[i] * b1) + (g[i] * (1 - b1));
            v[i] = (v[i] * b2) + (g[i] * g[i] * (1 - b2));
            var second = v[i];
            if (vmax is not null)
            {
                vmax[i] = MathF.Max(vmax[i], v[i]);
                second = vmax[i];
            }

            param[i] -= stepSize * m[i] / ((MathF.Sqrt(second) / correction2Sqrt) + eps);
        }
    }

    /// <summary>The same arithmetic as the scalar loop, a vector at a time; returns where the scalar tail starts.</summary>
    private static int UpdateVectorized(
        float[] param, float[] g, float[] m, float[] v, float[]? vmax, float b1, float b2, float stepSize, float correction2Sqrt, float eps)
    {
        var width = Vector<float>.Count;
        var beta1 = new Vector<float>(b1);
        var keep1 = new Vector<float>(1 - b1);
        var beta2 = new Vector<float>(b2);
        var keep2 = new Vector<float>(1 - b2);
        var step = new Vector<float>(stepSize);
        var correction = new Vector<float>(correction2Sqrt);
        var epsilon = new Vector<float>(eps);
        var i = 0;
        for (; i <= param.Length - width; i += width)
        {
            var gi = new Vector<float>(g, i);
            var mi = (new Vector<float>(m, i) * beta1) + (gi * keep1);
            var vi = (new Vector<float>(v, i) * beta2) + (gi * gi * keep2);
            mi.CopyTo(m, i);
            vi.CopyTo(v, i);
            if (vmax is not null)
            {
                vi = Vector.Max(new Vector<float>(vmax, i), vi);
                vi.CopyTo(vmax, i);
            }

            var updated = new Vector<float>(param, i) - (step * mi / ((Vector.SquareRoot(vi) / correction) + epsilon));
            updated.CopyTo(param, i);
        }

        return i;
    }
}
