namespace ModelDsl.Compiler.Training;

/// <summary>The <c>data { }</c> block, checked. Every part is optional: data can always be passed in code.</summary>
public sealed record CheckedData(
    CheckedDataSource? Train,
    CheckedDataSource? Validation,
    CheckedDataSource? Test,
    CheckedNormalization? Normalize,
    EquatableArray<CheckedAugmentation> Augment)
{
    /// <summary><c>test_split</c>: the last fraction of the training source that is the test data (0: none).</summary>
    public double TestSplit { get; init; }
}
