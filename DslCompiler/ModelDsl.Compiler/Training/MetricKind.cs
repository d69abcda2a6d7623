namespace ModelDsl.Compiler.Training;

/// <summary>The metrics of LANGUAGE.md §6.</summary>
public enum MetricKind
{
    Accuracy,
    TopK,
    MeanAbsoluteError,
    MeanSquaredError,
    Precision,
    Recall,
}
