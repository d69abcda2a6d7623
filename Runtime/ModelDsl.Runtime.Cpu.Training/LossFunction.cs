namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>What a trainer computes for one output (the compiler's "logits decision" already made).</summary>
public enum LossFunction
{
    /// <summary>mean((y − t)²) on the output as forward returns it.</summary>
    MeanSquaredError,

    /// <summary>mean(|y − t|) on the output as forward returns it.</summary>
    MeanAbsoluteError,

    /// <summary>Binary cross-entropy on probabilities (an output without a final sigmoid that already holds them).</summary>
    BinaryCrossEntropy,

    /// <summary>Binary cross-entropy with the sigmoid fused in, reading logits (numerically stable).</summary>
    BinaryCrossEntropyWithLogits,

    /// <summary>log-softmax then negative log-likelihood over the class axis, reading logits; targets are class
    /// indices (sparse) or one-hot rows.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Negative log-likelihood on an output that already ends in log_softmax.</summary>
    NegativeLogLikelihood,
}
