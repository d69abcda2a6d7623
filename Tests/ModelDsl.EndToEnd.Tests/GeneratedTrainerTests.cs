using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.EndToEnd.Tests;

/// <summary>
/// Trains the trainers generated from Models/endtoend.model. Checkpoint paths in the .model file are relative to the
/// current directory, so each test runs in a fresh temporary directory (tests of one class run one at a time).
/// </summary>
public sealed class GeneratedTrainerTests : IDisposable
{
    private readonly string _previousDirectory = Environment.CurrentDirectory;
    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-e2e-").FullName;

    public GeneratedTrainerTests() => Environment.CurrentDirectory = _directory;

    public void Dispose()
    {
        Environment.CurrentDirectory = _previousDirectory;
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_generated_trainer_learns_and_evaluates()
    {
        var trainer = new BlobsTrainer { Progress = new CapturingProgress() };
        var history = trainer.Fit(Synthetic.BlobDataset(300, seed: 1));

        Assert.Equal(4, history.Count);
        Assert.True(history["loss"][^1] < history["loss"][0] / 2, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        var metrics = trainer.Evaluate(Synthetic.BlobDataset(150, seed: 2));
        Assert.True(metrics["accuracy"] > 0.9, $"test accuracy {metrics["accuracy"]}");

        // Predict returns probabilities (the softmax of forward), one row of 3 per example.
        var probabilities = trainer.Predict(Synthetic.BlobDataset(6, seed: 3)).Single();
        Assert.Equal(18, probabilities.Length);
        for (var row = 0; row < 6; row++)
        {
            Assert.Equal(1f, probabilities.Skip(row * 3).Take(3).Sum(), 4);
        }

        Assert.True(File.Exists("blobs-04.ckpt"));
    }

    [Fact]
    public void An_interrupted_run_resumes_to_the_same_weights_as_an_uninterrupted_one()
    {
        var data = Synthetic.BlobDataset(240, seed: 4);

        var uninterrupted = new BlobsTrainer { Progress = new CapturingProgress() };
        var full = uninterrupted.Fit(data);
        var expected = Weights(uninterrupted.Model);

        // A run killed after epoch 2: only its checkpoint survives. A new process resumes from it.
        Directory.CreateDirectory("interrupted");
        Environment.CurrentDirectory = Path.Combine(_directory, "interrupted");
        new BlobsTrainer { Epochs = 2, Progress = new CapturingProgress() }.Fit(data);
        var resumed = new BlobsTrainer { Progress = new CapturingProgress() };
        var rest = resumed.Fit(data, resumeFrom: "blobs-02.ckpt");

        var actual = Weights(resumed.Model);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, values) in expected)
        {
            Assert.True(values.SequenceEqual(actual[name]), $"{name} differs after resuming");
        }

        Assert.Equal(full["loss"][^1], rest["loss"][^1]);
    }

    [Fact]
    public void A_nan_loss_stops_training_with_a_message_and_keeps_the_last_good_checkpoint()
    {
        var clean = Synthetic.Regression(64, seed: 5);
        new RegressorTrainer { Epochs = 2, Progress = new CapturingProgress() }.Fit(clean);
        Assert.True(File.Exists("regressor-02.ckpt"));

        // The same run continues on data with one poisoned value: epoch 3's loss is NaN.
        var poisoned = Synthetic.Regression(64, seed: 5);
        poisoned.Inputs[0].Values![17] = float.NaN;
        var progress = new CapturingProgress();
        var trainer = new RegressorTrainer { Progress = progress };
        var history = trainer.Fit(poisoned, resumeFrom: "regressor-02.ckpt");

        var message = Assert.Single(progress.Messages, m => m.Contains("NaN", StringComparison.OrdinalIgnoreCase) || m.Contains("finite", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("regressor-02.ckpt", message);
        Assert.DoesNotContain(history.Epochs, e => e > 2);
        Assert.False(File.Exists("regressor-03.ckpt"));
        Assert.All(Weights(trainer.Model).Values.SelectMany(v => v), v => Assert.True(float.IsFinite(v)));

        // The kept checkpoint is intact (format and checksum verified on reading).
        Assert.Equal(2, ModelDsl.Runtime.Training.CheckpointFile.ReadState("regressor-02.ckpt").EpochsCompleted);
    }

    [Fact]
    public void A_frozen_module_keeps_its_weights_until_its_stage_ends()
    {
        var trainer = new StagedBlobsTrainer();
        var initialStem = Weights(trainer.Model, "stem.");
        var initialTask = Weights(trainer.Model, "task.");
        var stemAfterEpoch = new Dictionary<int, Dictionary<string, float[]>>();
        var taskAfterEpoch = new Dictionary<int, Dictionary<string, float[]>>();
        trainer.Progress = new CapturingProgress(epoch =>
        {
            stemAfterEpoch[epoch] = Weights(trainer.Model, "stem.");
            taskAfterEpoch[epoch] = Weights(trainer.Model, "task.");
        });

        trainer.Fit(Synthetic.BlobDataset(200, seed: 6));

        Assert.Equal(new[] { 1, 2, 3, 4 }, stemAfterEpoch.Keys.Order());
        Assert.True(Same(initialStem, stemAfterEpoch[2]), "the stem changed while frozen (stage head)");
        Assert.False(Same(initialTask, taskAfterEpoch[1]), "the task did not train in stage head");
        Assert.False(Same(initialStem, stemAfterEpoch[4]), "the stem did not train in stage finetune");
    }

    [Fact]
    public void A_two_output_model_trains_both_heads_with_their_own_losses()
    {
        var trainer = new TwoHeadsTrainer { Progress = new CapturingProgress() };
        var history = trainer.Fit(Synthetic.TwoTargetDataset(300, seed: 7));

        Assert.Contains("kind_loss", history.Keys);
        Assert.Contains("north_loss", history.Keys);

        // The total is the weighted sum of the heads' losses (weights 1 and 0.5).
        var last = history.Records[^1];
        Assert.Equal(last["kind_loss"] + (0.5 * last["north_loss"]), last["loss"], 3);

        var metrics = trainer.Evaluate(Synthetic.TwoTargetDataset(150, seed: 8));
        Assert.True(metrics["kind_accuracy"] > 0.85, $"kind accuracy {metrics["kind_accuracy"]}");
        Assert.True(metrics["north_accuracy"] > 0.75, $"north accuracy {metrics["north_accuracy"]}");
    }

    private static Dictionary<string, float[]> Weights(Module model, string prefix = "") =>
        model.NamedParameters().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Name, p => p.Parameter.ToArray());

    private static bool Same(Dictionary<string, float[]> a, Dictionary<string, float[]> b) =>
        a.Keys.SequenceEqual(b.Keys) && a.All(pair => pair.Value.SequenceEqual(b[pair.Key]));
}
