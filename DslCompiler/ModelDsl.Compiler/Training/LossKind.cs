namespace ModelDsl.Compiler.Training;

/// <summary>The losses of LANGUAGE.md §6.</summary>
public enum LossKind
{
    MeanSquaredError,
    MeanAbsoluteError,
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    SparseCategoricalCrossEntropy,
}
