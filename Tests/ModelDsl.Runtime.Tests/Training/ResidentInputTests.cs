using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>
/// A session that keeps the inputs itself (<see cref="IResidentInputSession"/>) must train on exactly the values a
/// gathered batch would carry — same rows, same order, same normalisation — and only when no augmentation runs.
/// </summary>
public sealed class ResidentInputTests
{
    [Fact]
    public void Kept_inputs_give_every_step_the_values_a_gathered_batch_carries()
    {
        var data = ImageData(count: 10);
        var options = Options() with { Normalization = Normalization.Standardize() };
        var gathered = new GatheredSession();
        var resident = new ResidentSession();

        TrainingLoop.Fit(gathered, data, null, options);
        TrainingLoop.Fit(resident, data, null, options);

        Assert.Equal(1, resident.KeepCalls);
        Assert.True(resident.Released);
        Assert.Equal(gathered.Steps.Count, resident.Steps.Count);
        for (var s = 0; s < gathered.Steps.Count; s++)
        {
            Assert.Equal(gathered.Steps[s], resident.Steps[s]);  // bit-identical floats, in the shuffled order
        }
    }

    [Fact]
    public void Unnormalised_inputs_are_kept_without_a_copy_and_never_changed()
    {
        var data = ImageData(count: 6);
        var before = data.Features.Values!.ToArray();
        var resident = new ResidentSession();

        TrainingLoop.Fit(resident, data, null, Options());

        Assert.Same(data.Features.Values, resident.Kept![0].Values);
        Assert.Equal(before, data.Features.Values);
    }

    [Fact]
    public void Augmentation_keeps_the_gathered_batches()
    {
        var resident = new ResidentSession();

        TrainingLoop.Fit(resident, ImageData(count: 6), null, Options() with { Augmentation = [new FlipStep(Horizontal: true)] });

        Assert.Equal(0, resident.KeepCalls);
        Assert.NotEmpty(resident.Steps);
    }

    private static TrainingOptions Options() => new() { Epochs = 2, BatchSize = 4, Shuffle = true, Seed = 7, Progress = NullProgressReporter.Instance };

    // 1×2×2 "images" with distinct values, so any wrong row, order or normalisation shows.
    private static Dataset ImageData(int count)
    {
        var values = Enumerable.Range(0, count * 4).Select(i => (float)((i * 37) % 101) / 7f).ToArray();
        return new Dataset([DataColumn.Floats("image", [1, 2, 2], values)], [DataColumn.Floats("y", [1], new float[count])]);
    }

    /// <summary>Records the input values of every training step as a gathered batch carries them.</summary>
    private class GatheredSession : ITrainingSession
    {
        public IReadOnlyList<string> OutputNames { get; } = ["y"];

        public double LearningRate { get; set; } = 0.1;

        public List<float[]> Steps { get; } = [];

        public BatchResult TrainBatch(Batch batch, bool returnOutputs)
        {
            Steps.Add(Inputs(batch));
            return new BatchResult(1);
        }

        public BatchResult EvaluateBatch(Batch batch, bool returnOutputs) => new(1);

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

        public string? FindNonFiniteWeight() => null;

        protected virtual float[] Inputs(Batch batch) => batch.Input.Values!.ToArray();
    }

    /// <summary>Keeps a copy of the inputs and reads each step's rows from it, as the TorchSharp trainer does with index_select.</summary>
    private sealed class ResidentSession : GatheredSession, IResidentInputSession
    {
        public int KeepCalls { get; private set; }

        public bool Released { get; private set; }

        public IReadOnlyList<BatchTensor>? Kept { get; private set; }

        public IDisposable KeepInputs(IReadOnlyList<BatchTensor> inputs)
        {
            KeepCalls++;
            Kept = inputs;
            return new Release(() => Released = true);
        }

        protected override float[] Inputs(Batch batch)
        {
            if (batch.ResidentInputs is null)
            {
                return base.Inputs(batch);
            }

            Assert.Empty(batch.Inputs);
            var column = Kept![0];
            var size = column.Values!.Length / column.BatchSize;
            return [.. batch.Indices.SelectMany(row => column.Values.Skip(row * size).Take(size))];
        }
    }

    private sealed class Release(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
