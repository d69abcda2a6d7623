using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Preprocessing;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// A <c>data { }</c> block as the generated trainer builds it: sources for train/validation/test, the
/// normalisation and the augmentation steps (the latter two go into <c>TrainingOptions</c>).
/// </summary>
public sealed record DataSettings
{
    public DataSource? Train { get; init; }

    public DataSource? Validation { get; init; }

    public DataSource? Test { get; init; }

    /// <summary>
    /// <c>test_split</c>: with no <see cref="Test"/> source, the last fraction of the training source (in its order,
    /// unshuffled) is the test data, and the rest the training data (from which <c>validation_split</c> then takes
    /// its own last fraction). 0: no test split.
    /// </summary>
    public double TestSplit { get; init; }

    public Normalization? Normalization { get; init; }

    public IReadOnlyList<AugmentationStep> Augmentation { get; init; } = [];

    /// <summary>
    /// Loads the sources, relative paths against <paramref name="baseDirectory"/>. Validation and test sets take the
    /// training set's class names, so a class index means the same everywhere. With <paramref name="classCount"/>
    /// (the model's output units) the number of classes is checked against the model.
    /// </summary>
    public LoadedData Load(string baseDirectory, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var train = Train?.Load(baseDirectory, null, classCount);
        IReadOnlyList<string>? classes = train is { ClassNames.Count: > 0 } ? train.ClassNames : null;
        if (train is not null && classCount is { } expected)
        {
            var column = train.Targets.FirstOrDefault(t => t.IsClassIndices);
            if (column is not null && column.ClassCount > expected)
            {
                var names = train.ClassNames.Count > 0 ? $" ({string.Join(", ", train.ClassNames.Take(20))})" : string.Empty;
                throw new DataException(
                    $"The training data has {column.ClassCount} classes{names} but the model's output has {expected} units; " +
                    "change the output layer or the data.");
            }
        }

        // Without the model's width, later IDX splits are held to the training split's class count.
        var laterCount = classCount ?? train?.Targets.FirstOrDefault(t => t.IsClassIndices)?.ClassCount;
        var validation = Validation?.Load(baseDirectory, classes, laterCount);
        var test = Test?.Load(baseDirectory, classes, laterCount);
        if (TestSplit != 0)
        {
            (train, test) = SplitOffTest(train, test);
        }

        return new LoadedData(train, validation, test, classes ?? []);
    }

    private (Dataset Train, Dataset Test) SplitOffTest(Dataset? train, Dataset? test)
    {
        if (train is null)
        {
            throw new DataException("test_split holds out part of the training data, but the data block has no train source; add train: or drop test_split.");
        }

        if (test is not null)
        {
            throw new DataException("test_split and a test source are both given; the test data comes from one of them, so remove one.");
        }

        return train.SplitLast(TestSplit, "test");
    }
}
