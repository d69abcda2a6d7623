namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>
/// Batch normalisation over channels of [N, C] (1d) or [N, C, H, W] (2d): parameters <c>weight</c> (γ, without
/// <c>scale</c>: none) and <c>bias</c> (β, without <c>center</c>: none); buffers <c>running_mean</c>,
/// <c>running_var</c>, and with a cumulative average <c>num_batches_tracked</c> (names as PyTorch).
/// </summary>
public sealed class BatchNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (weight 1, bias 0, running mean 0, running variance 1).</summary>
    /// <param name="features">Channels.</param>
    /// <param name="momentum">Weight of the new batch in the running statistics; null for PyTorch's cumulative moving
    /// average (<c>momentum=None</c>: the running statistics are the mean over every batch seen).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="scale">False for no γ (Keras' <c>scale=False</c>; with <paramref name="center"/> false, PyTorch's <c>affine=False</c>).</param>
    /// <param name="center">False for no β (Keras' <c>center=False</c>).</param>
    public BatchNorm(int features, float? momentum = 0.1f, float eps = 1e-5f, bool scale = true, bool center = true)
    {
        Features = features;
        Momentum = momentum;
        Eps = eps;
        Weight = scale ? RegisterParameter("weight", Tensor.Ones(features)) : null;
        Bias = center ? RegisterParameter("bias", Tensor.Zeros(features)) : null;
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));

        // The count is state only where the average depends on it, so checkpoints of a cumulative layer resume exactly.
        BatchesTracked = momentum is null ? RegisterBuffer(BatchCounterName, Tensor.Zeros(1)) : null;
    }

    /// <summary>The counter's buffer name, as PyTorch's; portable weight files leave it out (only training reads it).</summary>
    public const string BatchCounterName = "num_batches_tracked";

    /// <summary>Channels.</summary>
    public int Features { get; }

    /// <summary>Weight of the new batch in the running statistics; null for the cumulative average.</summary>
    public float? Momentum { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <summary>γ, or null without scale.</summary>
    public Tensor? Weight { get; }

    /// <summary>β, or null without center.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean buffer.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance buffer.</summary>
    public Tensor RunningVar { get; }

    /// <summary>Training batches seen ([1]), kept only for the cumulative average; null otherwise.</summary>
    public Tensor? BatchesTracked { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var momentum = Momentum ?? 0f;
        if (IsTraining && BatchesTracked is { } count)
        {
            // PyTorch's momentum=None: the n-th batch gets weight 1/n, so the running statistic is the plain mean.
            count.Data[0] += 1;
            momentum = 1f / count.Data[0];
        }

        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, momentum, Eps);
    }
}
