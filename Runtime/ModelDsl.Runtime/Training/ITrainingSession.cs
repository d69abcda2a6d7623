using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// What a backend's generated trainer implements so the backend-neutral <see cref="TrainingLoop"/> can drive
/// it: one optimisation step, evaluation, prediction, the learning rate, weight snapshots (early stopping's
/// restore-best, NaN recovery), the finiteness check of the weights and the bytes of a checkpoint. Data crosses as <see cref="Batch"/>
/// (<c>float[]</c>/<c>int[]</c> with shapes); the session converts to its own tensors. The loop has already
/// augmented and normalised the batch, and reuses its arrays once a call returns: copy what you keep.
/// </summary>
public interface ITrainingSession
{
    /// <summary>
    /// The model's output names, in the order of <see cref="Batch.Targets"/> and of <see cref="BatchResult.Outputs"/>.
    /// With one output, metrics are logged unprefixed (<c>accuracy</c>); with several, per output (<c>age_accuracy</c>).
    /// </summary>
    IReadOnlyList<string> OutputNames { get; }

    /// <summary>The optimiser's learning rate; the loop sets it before each epoch (or step) from the schedule.</summary>
    double LearningRate { get; set; }

    /// <summary>
    /// Forward in training mode, loss (the weighted sum over outputs for a multi-output model), backward, one
    /// optimiser step. Returns the loss and, when <paramref name="returnOutputs"/> is true (metrics are needed),
    /// the model outputs as the forward returns them (probabilities for softmax/sigmoid outputs).
    /// </summary>
    BatchResult TrainBatch(Batch batch, bool returnOutputs);

    /// <summary>Forward in evaluation mode without gradients; loss and, when asked, outputs.</summary>
    BatchResult EvaluateBatch(Batch batch, bool returnOutputs);

    /// <summary>Forward in evaluation mode; one row-major array per output, batch dimension first.</summary>
    IReadOnlyList<float[]> Predict(Batch batch);

    /// <summary>Writes weights and optimiser state (the backend's own format) — the payload of a checkpoint file.</summary>
    void SaveState(Stream stream);

    /// <summary>Reads what <see cref="SaveState"/> wrote.</summary>
    void LoadState(Stream stream);

    /// <summary>An in-memory copy of the weights (and buffers such as batch-norm statistics).</summary>
    object SnapshotWeights();

    /// <summary>Puts back weights taken by <see cref="SnapshotWeights"/>.</summary>
    void RestoreWeights(object snapshot);

    /// <summary>
    /// The name of the first parameter or buffer that holds a NaN or an infinity, or null when every weight is
    /// finite. The loop asks before writing a checkpoint, so a "last good" checkpoint never holds weights a resumed run
    /// could not train from (the losses can still be finite, e.g. with a bias at -inf behind a ReLU).
    /// </summary>
    string? FindNonFiniteWeight();
}
