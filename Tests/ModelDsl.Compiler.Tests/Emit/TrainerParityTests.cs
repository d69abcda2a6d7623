using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The generated trainers of both backends, driven by the same code (their API is one): the seed fixes training;
/// a fresh trainer that loads a checkpoint predicts exactly what the trainer that saved it predicts, normalisation
/// statistics included; and a run interrupted after epoch 2 resumes, dropout included, to the same model as an
/// uninterrupted run. The trainers are compiled from the .model text below against the real TorchSharp and engine.
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class TrainerParityTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("modeldsl-parity-");

    public void Dispose() => _directory.Delete(recursive: true);

    // Dropout makes exact resumption depend on the checkpointed generator; standardize makes predictions depend on
    // statistics that only Fit computes (and a checkpoint carries).
    private string ModelText => $$"""
        namespace Parity

        model Blobs {
            input point: float[2]
            dense(16, activation: relu)
            dropout(0.3)
            dense(3, activation: softmax)
        }

        train Blobs {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.01)
            metrics: [accuracy]
            epochs: 4
            batch_size: 16
            seed: 7
            checkpoint(path: "{{_directory.FullName}}/blobs-{epoch:02}.ckpt")
            data {
                train: idx(images: "unused-images.gz", labels: "unused-labels.gz")
                normalize: standardize
            }
        }
        """;

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void The_seed_fixes_initial_weights_and_training(Backend backend)
    {
        var type = TrainerType(backend);
        var data = Blobs(120, seed: 1);
        var probe = Blobs(9, seed: 2);

        var first = Create(type, seed: 11, epochs: 2);
        var second = Create(type, seed: 11, epochs: 2);
        var other = Create(type, seed: 12, epochs: 2);
        first.Fit(data);
        second.Fit(data);
        other.Fit(data);

        Assert.Equal(Loss(first), Loss(second));
        Assert.Equal(Predict(first, probe), Predict(second, probe));
        Assert.NotEqual(Predict(first, probe), Predict(other, probe));
        Dispose(first, second, other);
    }

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void A_fresh_trainer_that_loads_a_checkpoint_predicts_as_the_trainer_that_saved_it(Backend backend)
    {
        var type = TrainerType(backend);
        var data = Blobs(120, seed: 3);
        var test = Blobs(30, seed: 4);
        var trained = Create(type, seed: 5, epochs: 2);
        trained.Fit(data);
        var saved = Path.Combine(_directory.FullName, "saved.ckpt");
        trained.Save(saved);

        var fresh = Create(type, seed: 6, epochs: null);

        // Without statistics, standardize is refused rather than silently skipped.
        var refused = Assert.Throws<TrainingException>(() => fresh.Predict(test));
        Assert.Contains("standardize", refused.Message, StringComparison.Ordinal);

        fresh.LoadWeights(saved);
        Assert.Equal(Predict(trained, test), Predict(fresh, test));
        Assert.Equal((Dictionary<string, double>)trained.Evaluate(test), (Dictionary<string, double>)fresh.Evaluate(test));

        // The checkpoint(...) callback's files carry the same statistics.
        var fromCallback = Create(type, seed: 8, epochs: null);
        fromCallback.LoadWeights(Path.Combine(_directory.FullName, "blobs-02.ckpt"));
        Assert.Equal(Predict(trained, test), Predict(fromCallback, test));
        Dispose(trained, fresh, fromCallback);
    }

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void An_interrupted_run_with_dropout_resumes_to_the_same_model(Backend backend)
    {
        var type = TrainerType(backend);
        var data = Blobs(160, seed: 9);
        var probe = Blobs(12, seed: 10);

        var uninterrupted = Create(type, seed: null, epochs: null);
        uninterrupted.Fit(data);
        var expected = Predict(uninterrupted, probe);

        // A run stopped after epoch 2 (its checkpoint overwrites the uninterrupted run's, which is the same file);
        // a new trainer resumes from it.
        var interrupted = Create(type, seed: null, epochs: 2);
        interrupted.Fit(data);
        var resumed = Create(type, seed: null, epochs: null);
        resumed.Fit(data, null, Path.Combine(_directory.FullName, "blobs-02.ckpt"));

        IReadOnlyList<double> fullLoss = Loss(uninterrupted), resumedLoss = Loss(resumed);
        Assert.Equal(fullLoss[^1], resumedLoss[^1]);
        Assert.Equal(expected, Predict(resumed, probe));
        Dispose(uninterrupted, interrupted, resumed);
    }

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void An_epoch_that_leaves_a_non_finite_weight_gets_no_checkpoint_and_the_previous_one_resumes(Backend backend)
    {
        var type = TrainerType(backend);
        var data = Blobs(120, seed: 13);
        var progress = new MessageProgress();
        var trainer = Create(type, seed: null, epochs: null);
        trainer.Progress = progress;
        string? reported = null;
        ((List<ModelDsl.Runtime.Callbacks.ITrainingCallback>)trainer.Callbacks).Add(new AtEpochEnd(2, () =>
        {
            // A bias at -inf behind a ReLU: that unit outputs 0, so every loss stays finite while the weight is not.
            PoisonFirstBias(backend, trainer);
            reported = Session(backend, (object)trainer).FindNonFiniteWeight();
        }));

        trainer.Fit(data);

        string first = Path.Combine(_directory.FullName, "blobs-01.ckpt"), second = Path.Combine(_directory.FullName, "blobs-02.ckpt");
        Assert.NotNull(reported);
        Assert.EndsWith("bias", reported, StringComparison.Ordinal);
        IReadOnlyList<double> losses = Loss(trainer);
        Assert.All(losses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(File.Exists(first));
        Assert.False(File.Exists(second), "epoch 2 left a weight at -inf");
        var message = Assert.Single(progress.Messages, m => m.StartsWith("No checkpoint for epoch 2", StringComparison.Ordinal));
        Assert.Contains(reported, message, StringComparison.Ordinal);
        Assert.Contains($"'{first}'", message, StringComparison.Ordinal);

        // The previous good file is intact and a fresh trainer resumes from it to the end, with finite weights.
        var resumed = Create(type, seed: null, epochs: null);
        resumed.Fit(data, null, first);
        Assert.Null(Session(backend, (object)resumed).FindNonFiniteWeight());
        Assert.True(File.Exists(Path.Combine(_directory.FullName, "blobs-04.ckpt")));
        Assert.Equal(2, CheckpointFile.ReadState(second).EpochsCompleted);
        Dispose(trainer, resumed);
    }

    // The Cpu trainer hands out its session; the TorchSharp trainer is one.
    // (An object, not dynamic: the TorchSharp trainer implements the interface explicitly, which dynamic cannot see.)
    private static ITrainingSession Session(Backend backend, object trainer) =>
        backend == Backend.Cpu ? (ITrainingSession)((dynamic)trainer).Session : (ITrainingSession)trainer;

    private static void PoisonFirstBias(Backend backend, dynamic trainer)
    {
        if (backend == Backend.Cpu)
        {
            var model = (ModelDsl.Runtime.Cpu.Modules.Module)trainer.Model;
            model.NamedParameters().First(p => p.Name.EndsWith("bias", StringComparison.Ordinal)).Parameter.Data[0] = float.NegativeInfinity;
        }
        else
        {
            var model = (TorchSharp.torch.nn.Module)trainer.Model;
            using var noGrad = TorchSharp.torch.no_grad();
            model.named_parameters().First(p => p.name.EndsWith("bias", StringComparison.Ordinal)).parameter.narrow(0, 0, 1).fill_(float.NegativeInfinity);
        }
    }

    private sealed class AtEpochEnd(int epoch, Action action) : ModelDsl.Runtime.Callbacks.ITrainingCallback
    {
        public void OnEpochEnd(TrainingContext context, int ended, IReadOnlyDictionary<string, double> logs)
        {
            if (ended == epoch)
            {
                action();
            }
        }
    }

    private sealed class MessageProgress : IProgressReporter
    {
        public List<string> Messages { get; } = [];

        public T Run<T>(Func<T> training) => training();

        public void EpochStarted(int epoch, int epochs, int steps)
        {
        }

        public void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running)
        {
        }

        public void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed)
        {
        }

        public void Message(string text) => Messages.Add(text);
    }

    // Each test compiles its own copy: the checkpoint path in the .model text is the test's directory.
    private Type TrainerType(Backend backend)
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("parity.model", ModelText) }, CompilationOptions.Default with { Backend = backend });
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assembly assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        return assembly.GetType("Parity.BlobsTrainer", throwOnError: true)!;
    }

    // The constructor both backends share: (model, seed, device), all optional.
    private static dynamic Create(Type type, int? seed, int? epochs)
    {
        dynamic trainer = Activator.CreateInstance(type, null, seed, null)!;
        trainer.Epochs = epochs;
        trainer.Progress = NullProgressReporter.Instance;
        return trainer;
    }

    private static float[] Predict(dynamic trainer, Dataset data) => ((IReadOnlyList<float[]>)trainer.Predict(data)).Single();

    // The trainer's History: the losses of the last Fit's epochs (a resumed Fit's history includes the restored epochs).
    private static IReadOnlyList<double> Loss(dynamic trainer) => ((ModelDsl.Runtime.Reporting.History)trainer.History)["loss"];

    private static void Dispose(params dynamic[] trainers)
    {
        foreach (var trainer in trainers)
        {
            ((IDisposable)trainer).Dispose();
        }
    }

    private static Dataset Blobs(int count, int seed)
    {
        float[][] centres = { new[] { -2f, 0f }, new[] { 2f, 0f }, new[] { 0f, 2.5f } };
        var random = new Random(seed);
        var points = new float[count * 2];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 3;
            points[2 * i] = (centres[labels[i]][0] * 10f) + 40f + (float)(random.NextDouble() * 6.0);
            points[(2 * i) + 1] = (centres[labels[i]][1] * 10f) - 15f + (float)(random.NextDouble() * 6.0);
        }

        return Dataset.FromArrays(points, new[] { 2 }, labels, classCount: 3);
    }
}
