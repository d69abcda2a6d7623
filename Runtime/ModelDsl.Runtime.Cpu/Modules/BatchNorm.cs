namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>
/// Batch normalisation over channels of [N, C] (1d) or [N, C, H, W] (2d): parameters <c>weight</c>, <c>bias</c>;
/// buffers <c>running_mean</c>, <c>running_var</c> (names as PyTorch).
/// </summary>
public sealed class BatchNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (weight 1, bias 0, running mean 0, running variance 1).</summary>
    public BatchNorm(int features, float momentum = 0.1f, float eps = 1e-5f)
    {
        Features = features;
        Momentum = momentum;
        Eps = eps;
        Weight = RegisterParameter("weight", Tensor.Ones(features));
        Bias = RegisterParameter("bias", Tensor.Zeros(features));
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));
    }

    /// <summary>Channels.</summary>
    public int Features { get; }

    /// <summary>Weight of the new batch in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <summary>γ.</summary>
    public Tensor Weight { get; }

    /// <summary>β.</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean buffer.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance buffer.</summary>
    public Tensor RunningVar { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps);
}
