using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Adam with decoupled weight decay (param ← param·(1 − lr·wd) before the Adam step), PyTorch defaults.</summary>
public sealed class AdamW : Adam
{
    /// <summary>One group of parameters.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>Several parameter groups.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <inheritdoc/>
    public override string Kind => "adamw";

    private protected override bool DecoupledWeightDecay => true;
}
