using System.Collections.Generic;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Callbacks;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Schedules;

namespace ModelDsl.Runtime.Training;

/// <summary>The settings of one <see cref="TrainingLoop.Fit"/> call — a <c>train</c> declaration (or one stage of it).</summary>
public sealed record TrainingOptions
{
    /// <summary>The epoch to train up to (total, counting epochs before <see cref="InitialEpoch"/>).</summary>
    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 32;

    /// <summary><c>steps_per_epoch</c>: random full batches per epoch instead of one pass over the data.</summary>
    public int? StepsPerEpoch { get; init; }

    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds shuffling, draws and augmentation; with the epoch number it fixes every random choice (the validation split is not random: the last fraction).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// <c>validation_split</c>: when no validation set is passed, the last fraction of the training data (in its order,
    /// before shuffling, as in Keras) is held out for validation.
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary><c>validation_steps</c>: validation batches evaluated per epoch, from the start of the validation data; null evaluates all of it.</summary>
    public int? ValidationSteps { get; init; }

    /// <summary>The base learning rate the schedule starts from; null takes the session's rate at the start.</summary>
    public double? LearningRate { get; init; }

    public LearningRateSchedule? Schedule { get; init; }

    /// <summary><c>metrics: [...]</c>, computed for every output on training and validation data.</summary>
    public IReadOnlyList<MetricSpec> Metrics { get; init; } = [];

    /// <summary>The model's inputs, in order: each input column of the data must have this example shape (-1: any size).</summary>
    public IReadOnlyList<InputShape>? InputShapes { get; init; }

    /// <summary><c>normalize:</c>, fitted on the training data only (ignored when <see cref="Normalizers"/> is given).</summary>
    public Normalization? Normalization { get; init; }

    /// <summary>Already fitted normalisers, one per input (a later stage reusing the first stage's statistics).</summary>
    public IReadOnlyList<Normalizer>? Normalizers { get; init; }

    /// <summary><c>augment { }</c>, applied to the image inputs of training batches only.</summary>
    public IReadOnlyList<AugmentationStep> Augmentation { get; init; } = [];

    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Where progress goes; null picks <see cref="ProgressReporters.ForConsole"/>.</summary>
    public IProgressReporter? Progress { get; init; }

    /// <summary>A checkpoint to resume from: weights, optimiser, schedule position, callbacks and history are restored.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Epochs already done before this call (a later stage continues numbering from here).</summary>
    public int InitialEpoch { get; init; }

    /// <summary>
    /// Per model output, the classes it distinguishes (its units) when its targets are class indices or one-hot
    /// rows, null for other outputs. Data with more classes is refused before the first epoch instead of failing
    /// mid-training; the generated trainers set it from the model.
    /// </summary>
    public IReadOnlyList<int?> OutputClassCounts { get; init; } = [];

    /// <summary>On a NaN/infinite loss, put back the weights from the start of the failing epoch (they are NaN otherwise).</summary>
    public bool RestoreWeightsOnNonFiniteLoss { get; init; } = true;
}
