namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>The loss of one model output.</summary>
/// <param name="Name">The output's name (history keys such as <c>age_loss</c> use it for multi-output models).</param>
/// <param name="Function">What to compute.</param>
/// <param name="ReadsLogits">True when the training forward returns this output before its final activation: the fused
/// losses (softmax cross-entropy, BCE with logits) read it as it is; the others and the metrics read it after
/// <see cref="Activation"/>.</param>
/// <param name="Activation">The final activation skipped by the training forward (when <see cref="ReadsLogits"/>).</param>
/// <param name="Weight">Its factor in the total loss (<c>loss_weights</c>).</param>
public sealed record OutputLoss(string Name, LossFunction Function, bool ReadsLogits = false, OutputActivation Activation = OutputActivation.None, double Weight = 1.0);
