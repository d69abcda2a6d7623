namespace ModelDsl.Compiler.Training;

/// <summary>A module or layer of the model tree.</summary>
/// <param name="Path">Its qualified name (<c>learner.residual_group_0</c>), as weight names and <c>freeze</c> lists use it.</param>
/// <param name="TrainableParameters">Trainable parameters in its subtree.</param>
public sealed record TrainingModule(string Path, long TrainableParameters);
