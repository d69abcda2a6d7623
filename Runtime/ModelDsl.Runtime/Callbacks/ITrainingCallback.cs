using System.Collections.Generic;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// A hook into the training loop with Keras' callback semantics. Epoch numbers are 1-based; <c>logs</c> hold
/// the epoch's metrics (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, ...). A callback that decides across
/// epochs saves its state with <see cref="SaveState"/> so a resumed run decides exactly as an uninterrupted one.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>The key under which this callback's state is stored in checkpoints (unique per run).</summary>
    string StateKey => GetType().Name;

    /// <summary>The metric this callback reads, when it reads one (checked against the available metrics before training).</summary>
    string? Monitor => null;

    void OnTrainBegin(TrainingContext context)
    {
    }

    void OnEpochBegin(TrainingContext context, int epoch)
    {
    }

    void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
    }

    void OnTrainEnd(TrainingContext context)
    {
    }

    IReadOnlyDictionary<string, double>? SaveState() => null;

    /// <summary>
    /// Weights this callback keeps in memory (early stopping's best), saved into checkpoints beside the current ones
    /// and handed back on resume, as objects from <see cref="ITrainingSession.SnapshotWeights"/>.
    /// </summary>
    object? SavedWeights
    {
        get => null;
        set
        {
        }
    }

    void LoadState(IReadOnlyDictionary<string, double> state)
    {
    }
}
