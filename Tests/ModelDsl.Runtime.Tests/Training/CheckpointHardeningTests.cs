using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Reporting;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>
/// Damaged checkpoints (issue #14): the whole file, training-state JSON included, is covered by a checksum, so any
/// single-bit flip is a <see cref="DataException"/> saying the checkpoint is corrupt; interrupted saves leave no
/// temporary files behind for long; an epoch with a non-finite loss is never checkpointed.
/// </summary>
public sealed class CheckpointHardeningTests
{
    private static byte[] SmallCheckpoint(TempDirectory dir, out int stateLength)
    {
        var history = new History();
        history.Add(1, new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.25 });
        var state = new TrainingState(1, 10, 42, 0.01, history, new Dictionary<string, IReadOnlyDictionary<string, double>>(), new List<Normalizer>());
        var path = dir.File("small.ckpt");
        CheckpointFile.Save(path, state, new LinearRegressionSession(2));
        var bytes = File.ReadAllBytes(path);
        stateLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        Assert.Equal(1, CheckpointFile.Load(path, new LinearRegressionSession(2)).EpochsCompleted);
        return bytes;
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_the_training_state_is_a_corrupt_checkpoint()
    {
        using var dir = new TempDirectory();
        var good = SmallCheckpoint(dir, out var stateLength);
        var path = dir.File("flipped.ckpt");
        for (var at = 8; at < 16 + stateLength; at++)
        {
            var bytes = (byte[])good.Clone();
            bytes[at] ^= (byte)(1 << (at % 8));
            File.WriteAllBytes(path, bytes);

            var ex = Assert.Throws<DataException>(() => CheckpointFile.Load(path, new LinearRegressionSession(2)));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            if (at >= 16)
            {
                Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Mutated_checkpoints_give_only_data_errors()
    {
        using var dir = new TempDirectory();
        var good = SmallCheckpoint(dir, out _);
        var path = dir.File("fuzz.ckpt");
        var random = new Random(1415);
        for (var n = 0; n < 400; n++)
        {
            File.WriteAllBytes(path, Data.IdxHardeningTests.Mutate(good, random));
            try
            {
                CheckpointFile.Load(path, new LinearRegressionSession(2));
            }
            catch (DataException)
            {
                // The documented error.
            }
        }

        // A flip in the weights section (past the state) is caught too.
        var tail = (byte[])good.Clone();
        tail[^40] ^= 1;
        File.WriteAllBytes(path, tail);
        Assert.Contains("corrupt", Assert.Throws<DataException>(() => CheckpointFile.ReadState(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orphaned_temporary_files_of_interrupted_saves_are_removed_at_the_next_save()
    {
        using var dir = new TempDirectory();
        var orphan = dir.File(".small.ckpt.0123456789abcdef0123456789abcdef.tmp");
        var fresh = dir.File(".small.ckpt.fedcba9876543210fedcba9876543210.tmp");
        var other = dir.File(".other.ckpt.0123456789abcdef0123456789abcdef.tmp");
        foreach (var file in new[] { orphan, fresh, other })
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));

        SmallCheckpoint(dir, out _);

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(fresh), "a temporary file younger than a minute may belong to a save in progress");
        Assert.True(File.Exists(other), "only the target's own temporary files are removed");
    }

    [Theory]
    [InlineData(double.NaN, 0.1, false)]
    [InlineData(0.1, double.NaN, false)]
    [InlineData(0.1, double.PositiveInfinity, false)]
    [InlineData(0.1, 0.2, true)]
    public void Only_an_epoch_with_finite_training_and_validation_losses_is_checkpointed(double loss, double validationLoss, bool good)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss, ["val_loss"] = validationLoss, ["val_accuracy"] = 0.9 };
        Assert.Equal(good, TrainingLoop.LossesFinite(logs));
        Assert.False(TrainingLoop.LossesFinite(new Dictionary<string, double> { ["loss"] = 0.1, ["val_out2_loss"] = double.NaN }));
    }
}

/// <summary>The loop itself: an epoch whose validation loss is NaN is in the history but gets no checkpoint.</summary>
public sealed class NonFiniteValidationCheckpointTests
{
    [Fact]
    public void An_epoch_with_a_NaN_validation_loss_is_not_checkpointed()
    {
        using var dir = new TempDirectory();
        var session = new ScriptedSession(0.5, double.NaN, 0.4);
        var pattern = Path.Combine(dir.Path, "m-{epoch:02}.ckpt");
        var options = new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = 7, Callbacks = [session, new ModelDsl.Runtime.Callbacks.ModelCheckpoint(pattern)], Metrics = [], Progress = ModelDsl.Runtime.Progress.NullProgressReporter.Instance };

        var result = TrainingLoop.Fit(session, ScriptedSession.Data(), ScriptedSession.Data(), options);

        Assert.Equal(3, result.EpochsCompleted);
        Assert.True(File.Exists(Path.Combine(dir.Path, "m-01.ckpt")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "m-02.ckpt")), "epoch 2's validation loss was NaN");
        Assert.True(File.Exists(Path.Combine(dir.Path, "m-03.ckpt")));
        Assert.True(double.IsNaN(result.History["val_loss"][1]));
    }
}

/// <summary>
/// The loop asks the session whether its weights are finite before every checkpoint: an epoch that leaves a NaN or
/// infinite weight (here written in by a callback, as a diverging optimiser would) is in the history but gets no
/// checkpoint, and the previous one stays intact and resumable.
/// </summary>
public sealed class NonFiniteWeightCheckpointTests
{
    [Fact]
    public void An_epoch_that_leaves_a_NaN_weight_is_not_checkpointed_and_the_previous_checkpoint_resumes()
    {
        using var dir = new TempDirectory();
        var pattern = Path.Combine(dir.Path, "m-{epoch:02}.ckpt");
        var first = Path.Combine(dir.Path, "m-01.ckpt");
        var data = LinearRegressionSession.MakeData(64);
        using var log = new StringWriter();
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 16, Seed = 7, Metrics = [],
            Callbacks = [new PoisonBiasAtEpochEnd(2), new ModelDsl.Runtime.Callbacks.ModelCheckpoint(pattern)],
            Progress = new ModelDsl.Runtime.Progress.PlainProgressReporter(log),
        };

        var result = TrainingLoop.Fit(new LinearRegressionSession(2), data, null, options);

        // Epoch 2's losses were finite (the weight went bad after them): it is in the history, not on disk.
        Assert.Equal(2, result.EpochsCompleted);
        Assert.True(double.IsFinite(result.History["loss"][1]));
        Assert.True(File.Exists(first));
        Assert.False(File.Exists(Path.Combine(dir.Path, "m-02.ckpt")), "epoch 2 left a NaN weight");
        Assert.Equal(first, result.LastCheckpoint);
        Assert.Contains("No checkpoint for epoch 2", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("'b'", log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"last good checkpoint is still '{first}'", log.ToString(), StringComparison.Ordinal);

        // The kept file is intact and a fresh session resumes from it to the end, with finite weights throughout.
        var resumed = new LinearRegressionSession(2);
        var rest = TrainingLoop.Fit(resumed, data, null, options with { Callbacks = [new ModelDsl.Runtime.Callbacks.ModelCheckpoint(pattern)], ResumeFrom = first });
        Assert.Equal(3, rest.EpochsCompleted);
        Assert.Null(resumed.FindNonFiniteWeight());
        Assert.All(rest.History["loss"], loss => Assert.True(double.IsFinite(loss)));
        Assert.True(File.Exists(Path.Combine(dir.Path, "m-03.ckpt")));
    }

    [Fact]
    public void An_epoch_that_leaves_a_NaN_weight_is_never_the_best_epoch_to_restore_or_to_beat()
    {
        using var dir = new TempDirectory();
        // 64 examples in batches of 16: the last step of epoch 2 leaves the bias NaN, its loss (lower than epoch 1's) finite.
        var session = new LinearRegressionSession(2) { PoisonBiasAfterCall = 8 };
        var earlyStopping = new ModelDsl.Runtime.Callbacks.EarlyStopping(monitor: "loss", patience: 5, restoreBest: true);
        var best = new ModelDsl.Runtime.Callbacks.ModelCheckpoint(Path.Combine(dir.Path, "best.ckpt"), monitor: "loss", saveBestOnly: true);
        var options = new TrainingOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 7, Metrics = [], Callbacks = [earlyStopping, best],
            Progress = ModelDsl.Runtime.Progress.NullProgressReporter.Instance,
        };

        var result = TrainingLoop.Fit(session, LinearRegressionSession.MakeData(64), null, options);

        Assert.True(result.History["loss"][1] < result.History["loss"][0], "epoch 2 would be the best by its loss");
        Assert.Equal(1, earlyStopping.BestEpoch);
        Assert.Null(session.FindNonFiniteWeight());
        Assert.Equal(1.0, ((ModelDsl.Runtime.Callbacks.ITrainingCallback)best).SaveState()!["best_epoch"]);
        Assert.Equal(result.History["loss"][0], ((ModelDsl.Runtime.Callbacks.ITrainingCallback)best).SaveState()!["best"]);
    }

    /// <summary>Sets the bias to NaN after the epoch's losses were computed, before its checkpoint is written.</summary>
    private sealed class PoisonBiasAtEpochEnd(int epoch) : ModelDsl.Runtime.Callbacks.ITrainingCallback
    {
        public void OnEpochEnd(TrainingContext context, int ended, IReadOnlyDictionary<string, double> logs)
        {
            if (ended == epoch)
            {
                var weights = (double[])context.Session.SnapshotWeights();
                weights[^1] = double.NaN;
                context.Session.RestoreWeights(weights);
            }
        }
    }
}

/// <summary>
/// Temporary files of interrupted saves are removed when a run starts, not only at the next save of the same name
/// (which a pattern with {epoch} never repeats): only the run's own checkpoint path, only our naming, only old files.
/// </summary>
public sealed class OrphanedCheckpointTemporaryFileTests
{
    private const string Guid = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_run_start_removes_old_temporary_files_of_its_checkpoint_pattern_only()
    {
        using var dir = new TempDirectory();
        var sibling = Directory.CreateDirectory(Path.Combine(dir.Path, "other-run")).FullName;
        var orphan = dir.File($".m-07.ckpt.{Guid}.tmp");
        var upperCaseHex = dir.File($".m-12.ckpt.{Guid.ToUpperInvariant()}.tmp");
        var fresh = dir.File($".m-08.ckpt.{Guid}.tmp");
        var otherPath = dir.File($".other-07.ckpt.{Guid}.tmp");
        var notOurs = dir.File(".m-07.ckpt.backup.tmp");
        var otherFolder = Path.Combine(sibling, $".m-07.ckpt.{Guid}.tmp");
        var old = DateTime.UtcNow.AddHours(-1);
        foreach (var file in new[] { orphan, upperCaseHex, fresh, otherPath, notOurs, otherFolder })
        {
            File.WriteAllBytes(file, [1, 2, 3]);
            if (file != fresh)
            {
                File.SetLastWriteTimeUtc(file, old);
            }
        }

        // every: 2 with one epoch: nothing is saved, so whatever goes went at the start of the run.
        var options = new TrainingOptions
        {
            Epochs = 1, BatchSize = 16, Seed = 7, Metrics = [],
            Callbacks = [new ModelDsl.Runtime.Callbacks.ModelCheckpoint(Path.Combine(dir.Path, "m-{epoch:02}.ckpt"), every: 2)],
            Progress = ModelDsl.Runtime.Progress.NullProgressReporter.Instance,
        };
        TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(32), null, options);

        Assert.False(File.Exists(orphan), "an old temporary file of m-{epoch:02}.ckpt");
        Assert.True(File.Exists(upperCaseHex), "upper-case hex digits are not our naming");
        Assert.True(File.Exists(fresh), "a temporary file younger than a minute may belong to a save in progress");
        Assert.True(File.Exists(otherPath), "another checkpoint path's file");
        Assert.True(File.Exists(notOurs), "not named as our saves name temporary files");
        Assert.True(File.Exists(otherFolder), "another folder");
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.ckpt"));
    }
}
