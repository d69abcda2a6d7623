namespace ModelDsl.Compiler.Training;

/// <summary>
/// What the training checker needs to know about a checked model, and nothing more: its outputs (shape and final
/// activation, for the loss checks and the logits decision), its inputs (for data sources and augmentation) and its
/// module tree with parameter counts (for <c>freeze</c>). <see cref="TrainingModelFactory"/> builds it from the
/// semantic model; tests build it directly.
/// </summary>
/// <param name="Name">The model name.</param>
/// <param name="Inputs">Declared inputs in order.</param>
/// <param name="Outputs">Outputs in order (a model without <c>output</c> declarations has one unnamed output).</param>
/// <param name="Modules">Every module and layer by qualified name (<c>stem</c>, <c>learner.residual_group_0.bottleneck_1.conv2d_0</c>).</param>
/// <param name="TrainableParameters">Trainable parameters of the whole model.</param>
/// <param name="NonTrainableParameters">Non-trainable parameters (batchnorm running statistics).</param>
public sealed record TrainingModel(
    string Name,
    EquatableArray<TrainingTensor> Inputs,
    EquatableArray<TrainingOutput> Outputs,
    EquatableArray<TrainingModule> Modules,
    long TrainableParameters,
    long NonTrainableParameters);
