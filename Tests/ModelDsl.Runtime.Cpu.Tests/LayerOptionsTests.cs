using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>
/// Batch norm's cumulative average (<c>momentum: none</c>) and affine switches (<c>affine</c>, Keras' <c>center</c>
/// and <c>scale</c>) replayed against PyTorch 1.13 (<c>batchnorm_running.json</c>: running statistics after every
/// batch, training outputs, an evaluation output), and dense on the last axis of a <c>[steps, features]</c> input.
/// </summary>
public sealed class LayerOptionsTests
{
    private const string File = "batchnorm_running.json";

    public static TheoryData<string> Cases => Fixture.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Batch_norm_running_statistics_match_pytorch(string name)
    {
        var c = Fixture.Case(File, name);
        var momentum = c.GetProperty("momentum").ValueKind == System.Text.Json.JsonValueKind.Null ? (float?)null : (float)c.GetProperty("momentum").GetDouble();
        var norm = new BatchNorm(c.GetProperty("features").GetInt32(), momentum, scale: c.GetProperty("scale").GetBoolean(), center: c.GetProperty("center").GetBoolean());

        Assert.Equal(c.GetProperty("trainable").GetInt64(), norm.Parameters().Sum(p => (long)p.Count));
        var inputs = c.GetProperty("inputs").EnumerateArray().ToList();
        var outputs = c.GetProperty("outputs").EnumerateArray().ToList();
        var means = c.GetProperty("runningMean").EnumerateArray().ToList();
        var variances = c.GetProperty("runningVar").EnumerateArray().ToList();
        norm.Train();
        for (var b = 0; b < inputs.Count; b++)
        {
            Fixture.AssertClose(outputs[b], norm.Forward(Fixture.Tensor(inputs[b])), $"training output of batch {b}");
            Fixture.AssertClose(means[b], norm.RunningMean, $"running_mean after batch {b}");
            Fixture.AssertClose(variances[b], norm.RunningVar, $"running_var after batch {b}");
        }

        Assert.Equal(momentum is null ? c.GetProperty("batchesTracked").GetInt32() : null, (int?)norm.BatchesTracked?.Data[0]);
        norm.Eval();
        Fixture.AssertClose(c.GetProperty("probeOutput"), norm.Forward(Fixture.Tensor(c.GetProperty("probe"))), "evaluation output");
    }

    [Fact]
    public void Cumulative_average_differs_from_the_default_momentum()
    {
        // The fixture's batches move their mean by 2 each, so the plain mean and the 0.1-weighted one must part.
        var c = Fixture.Case(File, "cumulative_1d");
        var cumulative = new BatchNorm(3, momentum: null);
        var exponential = new BatchNorm(3);
        foreach (var input in c.GetProperty("inputs").EnumerateArray())
        {
            cumulative.Forward(Fixture.Tensor(input));
            exponential.Forward(Fixture.Tensor(input));
        }

        Assert.True(System.Math.Abs(cumulative.RunningMean.Data[0] - exponential.RunningMean.Data[0]) > 0.5f);
    }

    [Fact]
    public void Batch_norm_without_affine_has_no_parameters_and_evaluation_does_not_count_batches()
    {
        var norm = new BatchNorm(4, momentum: null, scale: false, center: false);
        Assert.Empty(norm.NamedParameters());
        Assert.Equal(new[] { "running_mean", "running_var", BatchNorm.BatchCounterName }, norm.NamedBuffers().Select(b => b.Name).ToArray());
        norm.Eval();
        norm.Forward(TestData.Random(1, 3, 4));
        Assert.Equal(0f, norm.BatchesTracked!.Data[0]);
    }

    [Fact]
    public void Batch_norm_with_beta_only_and_gamma_only_has_gradients_that_match_finite_differences()
    {
        var x = TestData.Random(2, 4, 3, 2, 2);
        var betaOnly = new BatchNorm(3, scale: false);
        Assert.Equal(new[] { "bias" }, betaOnly.NamedParameters().Select(p => p.Name).ToArray());
        GradCheck.Check(() => betaOnly.Forward(x), [x, betaOnly.Bias!]);

        var gammaOnly = new BatchNorm(3, center: false);
        Assert.Equal(new[] { "weight" }, gammaOnly.NamedParameters().Select(p => p.Name).ToArray());
        GradCheck.Check(() => gammaOnly.Forward(x), [x, gammaOnly.Weight!]);
    }

    [Fact]
    public void Dense_on_steps_and_features_applies_one_weight_at_every_step_and_its_gradients_check()
    {
        var dense = new Linear(4, 3, generator: new Generator(5));
        var x = TestData.Random(6, 2, 5, 4);
        var y = dense.Forward(x);
        Assert.Equal(new[] { 2, 5, 3 }, y.Shape.ToArray());

        // Step 3 of example 1 equals the layer applied to that row alone.
        var row = Tensor.FromArray(x.Data.Slice(((1 * 5) + 3) * 4, 4).ToArray(), 1, 4);
        var alone = dense.Forward(row);
        for (var u = 0; u < 3; u++)
        {
            Assert.Equal(alone.Data[u], y.Data[(((1 * 5) + 3) * 3) + u], 5);
        }

        GradCheck.Check(() => dense.Forward(x), [x, dense.Weight, dense.Bias!]);
    }
}
