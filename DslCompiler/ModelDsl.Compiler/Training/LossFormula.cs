namespace ModelDsl.Compiler.Training;

/// <summary>
/// How the trainer computes one output's loss — the "logits decision", made once here so both backends agree.
/// The cross-entropy forms never read probabilities: they read logits (the tensor before a final softmax/sigmoid,
/// or the output itself when the model ends without one), which is what makes them numerically stable.
/// </summary>
public enum LossFormula
{
    /// <summary>mean((y − t)²) on the output as returned by forward.</summary>
    MeanSquaredError,

    /// <summary>mean(|y − t|) on the output as returned by forward.</summary>
    MeanAbsoluteError,

    /// <summary>Binary cross-entropy with logits (sigmoid fused into the loss; PyTorch <c>BCEWithLogitsLoss</c>).</summary>
    BinaryCrossEntropyWithLogits,

    /// <summary>log-softmax over the class axis (axis 0 of an example) then negative log-likelihood
    /// (PyTorch <c>cross_entropy</c>); targets are class indices or one-hot rows per <see cref="TargetKind"/>.</summary>
    SoftmaxCrossEntropy,

    /// <summary>Negative log-likelihood on an output that already ends in <c>log_softmax</c>.</summary>
    NegativeLogLikelihood,
}
