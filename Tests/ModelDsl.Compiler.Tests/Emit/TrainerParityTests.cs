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
