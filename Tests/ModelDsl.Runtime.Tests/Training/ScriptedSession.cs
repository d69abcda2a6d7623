using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Callbacks;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>
/// A session whose validation loss per epoch follows a script, for testing callbacks. Its "weights" are the
/// epoch in which they were last trained, so restoring can be observed.
/// </summary>
internal sealed class ScriptedSession(params double[] validationLosses) : ITrainingSession, ITrainingCallback
{
    private int _epoch;

    public IReadOnlyList<string> OutputNames { get; } = ["y"];

    public double LearningRate { get; set; } = 0.1;

    public int Weights { get; private set; }

    public BatchResult TrainBatch(Batch batch, bool returnOutputs)
    {
        Weights = _epoch;
        return new BatchResult(1.0 / _epoch, null, returnOutputs ? [new float[batch.Size]] : null);
    }

    public BatchResult EvaluateBatch(Batch batch, bool returnOutputs) =>
        new(validationLosses[_epoch - 1], null, returnOutputs ? [new float[batch.Size]] : null);

    public IReadOnlyList<float[]> Predict(Batch batch) => [new float[batch.Size]];

    public void SaveState(Stream stream) => stream.WriteByte((byte)Weights);

    public void LoadState(Stream stream) => Weights = stream.ReadByte();

    public object SnapshotWeights() => Weights;

    public void RestoreWeights(object snapshot) => Weights = (int)snapshot;

    // Its "weights" are a counter, always finite.
    public string? FindNonFiniteWeight() => null;

    string ITrainingCallback.StateKey => "scripted-clock";

    // The session tracks the epoch through the callback interface so the script can index by epoch.
    public void OnEpochBegin(TrainingContext context, int epoch) => _epoch = epoch;

    public static Dataset Data() => Dataset.FromArrays(new float[8], [1], new float[8], [1]);
}
