namespace ModelDsl.Compiler.Training;

/// <summary>
/// How a classification metric reads one output, decided from the output's loss (as Keras picks
/// <c>sparse_categorical_accuracy</c> for <c>"accuracy"</c> with a sparse loss).
/// </summary>
public enum MetricForm
{
    /// <summary>Regression metrics (mae, mse) on the output values.</summary>
    Values,

    /// <summary>Threshold 0.5 on probabilities (0 on logits) against 0/1 targets; precision/recall are binary.</summary>
    Binary,

    /// <summary>argmax over the class axis against a class index; precision/recall are macro-averaged over classes.</summary>
    ClassIndex,

    /// <summary>argmax over the class axis against the argmax of a one-hot target; precision/recall macro-averaged.</summary>
    OneHot,
}
