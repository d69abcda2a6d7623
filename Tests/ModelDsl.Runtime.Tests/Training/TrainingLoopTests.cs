using System;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Callbacks;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Schedules;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

public sealed class TrainingLoopTests
{
    private static TrainingOptions Options(int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        Seed = 3,
        Metrics = [MetricSpec.Mae],
        Progress = NullProgressReporter.Instance,
    };

    [Fact]
    public void Fit_learns_and_records_history_per_epoch()
    {
        var session = new LinearRegressionSession(2);
        var data = LinearRegressionSession.MakeData(100);

        var result = TrainingLoop.Fit(session, data, null, Options(8) with { ValidationSplit = 0.2, LearningRate = 0.1 });

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(8, result.EpochsCompleted);
        Assert.Equal(Enumerable.Range(1, 8), result.History.Epochs);
        Assert.Equal(new[] { "loss", "mae", "val_loss", "val_mae", "learning_rate" }, result.History.Keys);
        var loss = result.History["loss"];
        Assert.True(loss[^1] < loss[0] / 10, $"loss {loss[0]} -> {loss[^1]}");
        Assert.True(result.History["val_loss"][^1] < 0.05);
        Assert.Equal(2.0, session.Weights[0], 1);
        Assert.Equal(8 * 5, session.TrainCalls); // 80 training examples, batches of 16
    }

    [Fact]
    public void Last_partial_batch_is_trained_and_weighted_by_size()
    {
        var session = new LinearRegressionSession(2);
        TrainingLoop.Fit(session, LinearRegressionSession.MakeData(35), null, Options(1));
        Assert.Equal(3, session.TrainCalls);

        var data = LinearRegressionSession.MakeData(5);
        var logs = TrainingLoop.Evaluate(new LinearRegressionSession(2), data, batchSize: 4);
        var y = data.Targets[0].Values!;
        Assert.Equal(y.Average(v => (double)v * v), logs["loss"], 5); // zero weights: loss = mean(y²) exactly
    }

    [Fact]
    public void Steps_per_epoch_draws_that_many_batches()
    {
        var session = new LinearRegressionSession(2);
        TrainingLoop.Fit(session, LinearRegressionSession.MakeData(20), null, Options(3) with { StepsPerEpoch = 7 });
        Assert.Equal(21, session.TrainCalls);
    }

    [Fact]
    public void Schedule_sets_the_rate_per_epoch_or_per_step()
    {
        var session = new LinearRegressionSession(2);
        var options = Options(3) with { LearningRate = 0.1, Schedule = LearningRateSchedule.StepDecay(0.5, 1) };
        var result = TrainingLoop.Fit(session, LinearRegressionSession.MakeData(32), null, options);
        Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.05, 0.025, 0.025 }, session.RatesSeen);
        Assert.Equal(new[] { 0.1, 0.05, 0.025 }, result.History["learning_rate"]);

        var perStep = new LinearRegressionSession(2);
        TrainingLoop.Fit(perStep, LinearRegressionSession.MakeData(32), null, options with { Schedule = LearningRateSchedule.Exponential(0.5) with { PerStep = true } });
        Assert.Equal(new[] { 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125 }, perStep.RatesSeen);
    }

    [Fact]
    public void Normalisation_uses_training_statistics_for_validation()
    {
        var train = Dataset.FromArrays([0, 10, 20, 30], [1], new float[4], [1]);
        var normalizers = TrainingLoop.FitNormalizers(Normalization.Standardize(), train);
        var batch = TrainingLoop.Prepare(Dataset.FromArrays([15, 100], [1], new float[2], [1]), [0, 1], normalizers, null, null);
        Assert.Equal(0f, batch.Input.Values![0], 5);
        Assert.Equal((float)(85 / Math.Sqrt(125)), batch.Input.Values[1], 4);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_best()
    {
        var session = new ScriptedSession(1.0, 0.5, 0.6, 0.55, 0.7, 0.4);
        var early = new EarlyStopping("val_loss", patience: 2, restoreBest: true);
        var options = Options(6) with { Callbacks = [session, early], Metrics = [] };

        var result = TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), options);

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.Equal(4, result.EpochsCompleted); // epochs 3 and 4 did not improve on epoch 2
        Assert.Equal(2, early.BestEpoch);
        Assert.Equal(2, session.Weights); // restored
        Assert.Contains("Early stopping at epoch 4", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Early_stopping_min_delta_and_max_mode()
    {
        var session = new ScriptedSession(0.5, 0.49, 0.48, 0.47);
        var early = new EarlyStopping("val_loss", patience: 1, minDelta: 0.05);
        var result = TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), Options(4) with { Callbacks = [session, early], Metrics = [] });
        Assert.Equal(2, result.EpochsCompleted); // 0.49 is not 0.05 better than 0.5

        var rising = new ScriptedSession(0.1, 0.2, 0.3, 0.2, 0.1);
        var max = new EarlyStopping("val_loss", patience: 0, mode: MonitorMode.Max);
        var maxResult = TrainingLoop.Fit(rising, ScriptedSession.Data(), ScriptedSession.Data(), Options(5) with { Callbacks = [rising, max], Metrics = [] });
        Assert.Equal(4, maxResult.EpochsCompleted);
    }

    [Fact]
    public void Unknown_monitor_fails_before_training_with_a_hint()
    {
        var session = new LinearRegressionSession(2);
        var options = Options(2) with { Callbacks = [new EarlyStopping("val_loss")] };
        var ex = Assert.Throws<TrainingException>(() => TrainingLoop.Fit(session, LinearRegressionSession.MakeData(10), null, options));
        Assert.Contains("validation_split", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.TrainCalls);
    }

    [Fact]
    public void Checkpoint_every_n_epochs_with_epoch_pattern()
    {
        using var dir = new TempDirectory();
        var pattern = Path.Combine(dir.Path, "ckpt", "model-{epoch:02}.ckpt");
        var options = Options(5) with { Callbacks = [new ModelCheckpoint(pattern, every: 2)] };

        var result = TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(20), null, options);

        var files = Directory.GetFiles(Path.Combine(dir.Path, "ckpt")).Select(Path.GetFileName).Order();
        Assert.Equal(new[] { "model-02.ckpt", "model-04.ckpt" }, files);
        Assert.Equal(Path.Combine(dir.Path, "ckpt", "model-04.ckpt"), result.LastCheckpoint);
        var state = CheckpointFile.ReadState(result.LastCheckpoint!);
        Assert.Equal(4, state.EpochsCompleted);
        Assert.Equal(4, state.History.Count);
    }

    [Fact]
    public void Checkpoint_save_best_only_with_a_fixed_name_keeps_one_best_file()
    {
        using var dir = new TempDirectory();
        var session = new ScriptedSession(1.0, 0.5, 0.6, 0.4, 0.45);
        var path = Path.Combine(dir.Path, "best.ckpt");
        var options = Options(5) with { Callbacks = [session, new ModelCheckpoint(path, "val_loss", saveBestOnly: true)], Metrics = [] };

        TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), options);

        // Written on improvement (epochs 1, 2, 4), always to the same file (Keras' best.ckpt): the best, epoch 4.
        Assert.Equal(new[] { "best.ckpt" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.Equal(4, CheckpointFile.ReadState(path).EpochsCompleted);
    }

    [Fact]
    public void Checkpoint_save_best_only_with_an_epoch_pattern_keeps_every_improvement_as_asked()
    {
        using var dir = new TempDirectory();
        var session = new ScriptedSession(1.0, 0.5, 0.6, 0.4, 0.45);
        var pattern = Path.Combine(dir.Path, "best-{epoch:02}-{val_loss:.2f}.ckpt");
        var options = Options(5) with { Callbacks = [session, new ModelCheckpoint(pattern, "val_loss", saveBestOnly: true)], Metrics = [] };

        TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), options);

        var files = Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order();
        // A pattern that names each epoch asks for a file per improvement (epochs 1, 2, 4), as in Keras.
        Assert.Equal(new[] { "best-01-1.00.ckpt", "best-02-0.50.ckpt", "best-04-0.40.ckpt" }, files);
    }

    [Fact]
    public void NaN_loss_stops_with_a_clear_message_and_keeps_the_last_good_checkpoint()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "last.ckpt");
        var session = new LinearRegressionSession(2) { NaNAtCall = 6 }; // epoch 3 (2 batches per epoch), first batch
        var writer = new StringWriter();
        var options = Options(5) with { Callbacks = [new ModelCheckpoint(path)], Progress = new PlainProgressReporter(writer) };

        var result = TrainingLoop.Fit(session, LinearRegressionSession.MakeData(20), null, options);

        Assert.Equal(StopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(2, result.EpochsCompleted);
        Assert.Contains("loss became NaN at epoch 3, step 2/2", result.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}'", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Message, writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, CheckpointFile.ReadState(path).EpochsCompleted);
        Assert.All(session.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.Equal(2, result.History.Count);

        var reloaded = new LinearRegressionSession(2);
        CheckpointFile.Load(path, reloaded);
        Assert.Equal(session.Weights, reloaded.Weights); // restored to the start of epoch 3 = end of epoch 2
    }

    [Fact]
    public void Resumed_run_equals_an_uninterrupted_one()
    {
        using var dir = new TempDirectory();
        var data = LinearRegressionSession.MakeData(50);
        var pattern = Path.Combine(dir.Path, "run-{epoch:02}.ckpt");
        TrainingOptions Make(string? resume) => Options(6) with
        {
            ValidationSplit = 0.2,
            Schedule = LearningRateSchedule.Cosine(0.001),
            Normalization = Normalization.Standardize(),
            Callbacks = [new ModelCheckpoint(pattern), new EarlyStopping("val_loss", patience: 10)],
            ResumeFrom = resume,
        };

        var full = new LinearRegressionSession(2);
        var fullResult = TrainingLoop.Fit(full, data, null, Make(null));

        var resumed = new LinearRegressionSession(2);
        var resumedResult = TrainingLoop.Fit(resumed, data, null, Make(Path.Combine(dir.Path, "run-03.ckpt")));

        Assert.Equal(full.Weights, resumed.Weights);
        Assert.Equal(3, resumed.TrainCalls / 3); // only epochs 4..6 trained (40 examples: 3 batches)
        Assert.Equal(fullResult.History.ToCsv(), resumedResult.History.ToCsv());
    }

    [Fact]
    public void Resume_keeps_early_stoppings_best_weights_from_before_the_checkpoint()
    {
        using var dir = new TempDirectory();
        var pattern = Path.Combine(dir.Path, "s-{epoch}.ckpt");
        double[] script = [1.0, 0.3, 0.5, 0.6, 0.7, 0.8];

        int Run(string? resume)
        {
            var session = new ScriptedSession(script);
            var options = Options(6) with
            {
                Metrics = [],
                Callbacks = [session, new EarlyStopping("val_loss", patience: 10, restoreBest: true), new ModelCheckpoint(pattern)],
                ResumeFrom = resume,
            };
            TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), options);
            return session.Weights;
        }

        Assert.Equal(2, Run(null));
        Assert.Equal(2, Run(Path.Combine(dir.Path, "s-4.ckpt"))); // best epoch 2 lies before the resume point
    }

    [Fact]
    public void Resume_from_a_bad_checkpoint_is_a_data_error()
    {
        using var dir = new TempDirectory();
        var bogus = dir.File("x.ckpt");
        File.WriteAllText(bogus, "not a checkpoint");
        var options = Options(2) with { ResumeFrom = bogus };
        var ex = Assert.Throws<DataException>(() => TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(10), null, options));
        Assert.Contains("not a ModelDsl checkpoint", ex.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<DataException>(() => TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(10), null, options with { ResumeFrom = dir.File("none.ckpt") }));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_of_another_model_does_not_fit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.ckpt");
        TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(10), null, Options(1) with { Callbacks = [new ModelCheckpoint(path)] });
        var data3 = Dataset.FromArrays(new float[30], [3], new float[10], [1]);
        var ex = Assert.Throws<DataException>(() => TrainingLoop.Fit(new LinearRegressionSession(3), data3, null, Options(2) with { ResumeFrom = path }));
        Assert.Contains("does not fit this model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_progress_prints_one_line_per_epoch()
    {
        var writer = new StringWriter();
        TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(20), null, Options(2) with { ValidationSplit = 0.5, Progress = new PlainProgressReporter(writer) });
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("validation_split 0.5: the last 10 of 20 examples are the validation data.", lines[0]);
        lines = lines[1..];
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^epoch 1/2 - loss \d+\.\d{4} - mae \d+\.\d{4} - val_loss \d+\.\d{4} - val_mae \d+\.\d{4} - \d+\.\ds$", lines[0]);
    }

    [Fact]
    public void Augmentation_applies_to_training_batches_only()
    {
        // 1x1x2 "images" whose first pixel equals the target; a horizontal flip swaps the two pixels.
        var features = new float[] { 1, 0, 2, 0, 3, 0, 4, 0 };
        var data = new Dataset([DataColumn.Floats("image", [1, 1, 2], features)], [DataColumn.Floats("y", [1], [1, 2, 3, 4])]);
        var session = new RecordingSession();
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 4, Progress = NullProgressReporter.Instance,
            Augmentation = [new ModelDsl.Runtime.Augmentation.FlipStep(Horizontal: true)],
        };

        TrainingLoop.Fit(session, data, data, options);

        Assert.Contains(session.Trained, v => v == 0f); // some training example was flipped
        Assert.All(session.Evaluated, v => Assert.NotEqual(0f, v)); // validation never is
        Assert.Throws<TrainingException>(() => TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(4), null, options));
    }

    [Fact]
    public void Brightness_clips_in_pixel_space_before_normalisation()
    {
        // Pixels 100 and 200 doubled clip at 255 before scale(255): the batch the model sees stays within [0, 1].
        var data = new Dataset([DataColumn.Floats("image", [1, 1, 2], [100f, 200f])], [DataColumn.Floats("y", [1], [1])]);
        var normalizers = TrainingLoop.FitNormalizers(Normalization.Scale(255), data);
        var augmenter = new ModelDsl.Runtime.Augmentation.Augmenter([new ModelDsl.Runtime.Augmentation.BrightnessStep(2, 2)]);

        var batch = TrainingLoop.Prepare(data, [0], normalizers, augmenter, new SeededRandom(1));

        Assert.Equal(200f / 255f, batch.Inputs[0].Values![0], 6);
        Assert.Equal(1f, batch.Inputs[0].Values![1], 6);
    }

    [Fact]
    public void Target_count_must_match_outputs()
    {
        var data = new Dataset([DataColumn.Floats("x", [1], new float[2])], []);
        var ex = Assert.Throws<TrainingException>(() => TrainingLoop.Fit(new LinearRegressionSession(1), data, null, Options(1)));
        Assert.Contains("one target per output", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_shape_must_match_the_models_input()
    {
        var data = new Dataset([DataColumn.Floats("pixels", [1, 4], new float[8])], [DataColumn.Floats("y", [1], new float[2])]);
        var options = Options(1) with { InputShapes = [new InputShape("image", [1, 2, 2])] };

        var ex = Assert.Throws<TrainingException>(() => TrainingLoop.Fit(new LinearRegressionSession(4), data, null, options));

        Assert.Contains("'pixels' holds examples of shape [1, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'image' takes [1, 2, 2]", ex.Message, StringComparison.Ordinal);
    }
}
