using System;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>
/// <c>validation_split</c> (Keras: the last fraction, before shuffling) and <c>validation_steps</c> (Keras: that many
/// validation batches per epoch, from the start). The examples' first values are their indices, so the recording
/// session shows exactly which examples were trained on and evaluated.
/// </summary>
public sealed class ValidationSplitTests
{
    private static Dataset Indexed(int count) =>
        new([DataColumn.Floats("x", [1], [.. Enumerable.Range(0, count).Select(i => (float)i)])], [DataColumn.Floats("y", [1], new float[count])]);

    private static TrainingOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 4, Seed = 9, Progress = NullProgressReporter.Instance };

    [Fact]
    public void Validation_split_holds_out_the_last_examples_the_same_every_epoch_and_never_trains_on_them()
    {
        var session = new RecordingSession();

        TrainingLoop.Fit(session, Indexed(20), null, Options(3) with { ValidationSplit = 0.25 });

        var last5 = Enumerable.Range(15, 5).Select(i => (float)i);
        Assert.Equal(last5.Concat(last5).Concat(last5), session.Evaluated);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (float)i), session.Trained.Take(15).Order());
        Assert.DoesNotContain(session.Trained, v => v >= 15);
    }

    [Fact]
    public void Validation_split_does_not_depend_on_the_seed_or_on_shuffling()
    {
        var first = new RecordingSession();
        var second = new RecordingSession();

        TrainingLoop.Fit(first, Indexed(10), null, Options(1) with { ValidationSplit = 0.3, Seed = 1 });
        TrainingLoop.Fit(second, Indexed(10), null, Options(1) with { ValidationSplit = 0.3, Seed = 2, Shuffle = false });

        Assert.Equal(new float[] { 7, 8, 9 }, first.Evaluated);
        Assert.Equal(first.Evaluated, second.Evaluated);
    }

    [Fact]
    public void Validation_steps_evaluates_that_many_batches_from_the_start_each_epoch()
    {
        var session = new RecordingSession();
        var writer = new StringWriter();

        // 10 validation examples in batches of 4: steps 2 evaluates examples 0..7 of the validation data, every epoch.
        TrainingLoop.Fit(session, Indexed(8), Indexed(10), Options(2) with { ValidationSteps = 2, Progress = new PlainProgressReporter(writer) });

        var first8 = Enumerable.Range(0, 8).Select(i => (float)i);
        Assert.Equal(first8.Concat(first8), session.Evaluated);
        Assert.Contains("validation_steps 2: the first 8 of 10 validation examples (2 batches of 4) are evaluated each epoch.", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_steps_applies_to_the_split_off_validation_data()
    {
        var session = new RecordingSession();

        // The last 10 of 30 are validation data; one batch of 4 of them is evaluated.
        TrainingLoop.Fit(session, Indexed(30), null, Options(1) with { ValidationSplit = 1.0 / 3, ValidationSteps = 1 });

        Assert.Equal(new float[] { 20, 21, 22, 23 }, session.Evaluated);
    }

    [Fact]
    public void Validation_steps_beyond_the_data_evaluates_all_of_it_and_says_so()
    {
        var session = new RecordingSession();
        var writer = new StringWriter();

        TrainingLoop.Fit(session, Indexed(8), Indexed(6), Options(1) with { ValidationSteps = 5, Progress = new PlainProgressReporter(writer) });

        Assert.Equal(6, session.Evaluated.Count);
        Assert.Contains("validation_steps 5: the validation data has only 2 batches of 4; all 6 examples are evaluated.", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_steps_without_validation_data_trains_and_says_it_is_ignored()
    {
        var session = new RecordingSession();
        var writer = new StringWriter();

        var result = TrainingLoop.Fit(session, Indexed(8), null, Options(1) with { ValidationSteps = 2, Progress = new PlainProgressReporter(writer) });

        Assert.Empty(session.Evaluated);
        Assert.Equal(8, session.Trained.Count);
        Assert.DoesNotContain("val_loss", result.History.Keys);
        Assert.Contains("validation_steps 2 is ignored: there is no validation data", writer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validation_steps_below_one_is_refused(int steps)
    {
        var ex = Assert.Throws<TrainingException>(() => TrainingLoop.Fit(new RecordingSession(), Indexed(8), Indexed(4), Options(1) with { ValidationSteps = steps }));
        Assert.Contains($"validation_steps must be at least 1; got {steps}", ex.Message, StringComparison.Ordinal);
    }
}
