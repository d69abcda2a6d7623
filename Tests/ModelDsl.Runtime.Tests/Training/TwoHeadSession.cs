using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>A fixed two-output "model" (age: 3 classes, gender: 1 sigmoid unit) for checking multi-output keys and metrics.</summary>
internal sealed class TwoHeadSession : ITrainingSession
{
    public IReadOnlyList<string> OutputNames { get; } = ["age", "gender"];

    public double LearningRate { get; set; } = 0.01;

    public BatchResult TrainBatch(Batch batch, bool returnOutputs) => Evaluate(batch, returnOutputs);

    public BatchResult EvaluateBatch(Batch batch, bool returnOutputs) => Evaluate(batch, returnOutputs);

    public IReadOnlyList<float[]> Predict(Batch batch) => Outputs(batch);

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

    private static BatchResult Evaluate(Batch batch, bool returnOutputs) =>
        new(0.5 + (2 * 0.25), [0.5, 0.25], returnOutputs ? Outputs(batch) : null);

    // Predicts age class 0 and gender 1 for every example.
    private static float[][] Outputs(Batch batch)
    {
        var age = new float[batch.Size * 3];
        var gender = new float[batch.Size];
        for (var i = 0; i < batch.Size; i++)
        {
            age[i * 3] = 0.8f;
            age[(i * 3) + 1] = 0.1f;
            age[(i * 3) + 2] = 0.1f;
            gender[i] = 0.9f;
        }

        return [age, gender];
    }
}
