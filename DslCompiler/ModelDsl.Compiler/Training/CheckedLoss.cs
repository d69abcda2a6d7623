namespace ModelDsl.Compiler.Training;

/// <summary>
/// The loss of one model output, with the logits decision made: <see cref="Formula"/> says what to compute and
/// <see cref="FromPreActivation"/> whether to read the tensor before the output's final softmax/sigmoid
/// (forward still returns probabilities; only the trainer's loss reads the logits).
/// </summary>
/// <param name="OutputName">The output name, or null for the single unnamed output of a model without <c>output</c> declarations.</param>
/// <param name="OutputIndex">Position of the output in the model's output list.</param>
/// <param name="Kind">The loss the user asked for.</param>
/// <param name="Name">Its <c>.model</c> spelling (<c>sparse_categorical_crossentropy</c>).</param>
/// <param name="Weight">Its factor in the total loss (<c>loss_weights</c>, default 1).</param>
/// <param name="Formula">What the trainer computes.</param>
/// <param name="Targets">What the targets hold.</param>
/// <param name="FromPreActivation">True when the output ends in softmax/sigmoid and the loss must read the tensor before it.</param>
/// <param name="FinalActivation">The output's final activation (<c>softmax</c>, <c>sigmoid</c>, …) or null for none.</param>
/// <param name="ClassCount">Classes on axis 0 of the output for the categorical losses when known, else null.</param>
public sealed record CheckedLoss(
    string? OutputName,
    int OutputIndex,
    LossKind Kind,
    string Name,
    double Weight,
    LossFormula Formula,
    TargetKind Targets,
    bool FromPreActivation,
    string? FinalActivation,
    int? ClassCount);
