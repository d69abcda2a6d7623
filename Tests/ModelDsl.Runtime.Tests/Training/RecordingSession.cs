using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>Records the first input value of every example it trains on or evaluates.</summary>
internal sealed class RecordingSession : ITrainingSession
{
    public IReadOnlyList<string> OutputNames { get; } = ["y"];

    public double LearningRate { get; set; } = 0.1;

    public List<float> Trained { get; } = [];

    public List<float> Evaluated { get; } = [];

    public BatchResult TrainBatch(Batch batch, bool returnOutputs)
    {
        Trained.AddRange(FirstValues(batch));
        return new BatchResult(1);
    }

    public BatchResult EvaluateBatch(Batch batch, bool returnOutputs)
    {
        Evaluated.AddRange(FirstValues(batch));
        return new BatchResult(1);
    }

    public IReadOnlyList<float[]> Predict(Batch batch) => [new float[batch.Size]];

    public void SaveState(Stream stream)
    {
    }

    public void LoadState(Stream stream)
    {
    }

    public object SnapshotWeights() => 0;

    public void RestoreWeights(object snapshot)
    {
    }

    // It has no weights.
    public string? FindNonFiniteWeight() => null;

    private static IEnumerable<float> FirstValues(Batch batch)
    {
        var size = batch.Input.Values!.Length / batch.Size;
        return Enumerable.Range(0, batch.Size).Select(i => batch.Input.Values[i * size]);
    }
}
