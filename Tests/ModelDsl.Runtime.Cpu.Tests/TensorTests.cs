using System;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>Tensor construction, shape checks, scopes, gradient modes and module naming.</summary>
public sealed class TensorTests
{
    [Fact]
    public void FromArray_checks_the_element_count()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("[2, 3]", e.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 2, 3 }, Tensor.Zeros(2, 3).Shape.ToArray());
    }

    [Fact]
    public void Operations_report_both_shapes_on_mismatch()
    {
        var linear = Assert.Throws<ArgumentException>(() => Functional.Linear(Tensor.Zeros(4, 3), Tensor.Zeros(2, 5)));
        Assert.Contains("[4, 3]", linear.Message, StringComparison.Ordinal);
        var add = Assert.Throws<ArgumentException>(() => Functional.Add(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Contains("[3, 2]", add.Message, StringComparison.Ordinal);
        var conv = Assert.Throws<ArgumentException>(() => Functional.Conv2d(Tensor.Zeros(1, 3, 4, 4), Tensor.Zeros(2, 2, 3, 3), null, (1, 1), Padding2d.Valid, (1, 1)));
        Assert.Contains("input channels", conv.Message, StringComparison.Ordinal);
        var window = Assert.Throws<ArgumentException>(() => Functional.MaxPool2d(Tensor.Zeros(1, 1, 2, 2), (3, 3)));
        Assert.Contains("larger than the padded input", window.Message, StringComparison.Ordinal);
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => Functional.SparseCrossEntropy(Tensor.Zeros(2, 3), [0, 3]));
        Assert.Contains("label 3", label.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoGrad_records_nothing()
    {
        var w = Tensor.Ones(2, 2);
        w.RequiresGrad = true;
        Tensor y;
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            y = Functional.Sum(Functional.Relu(w));
        }

        Assert.True(Autograd.IsGradEnabled);
        Assert.False(y.RequiresGrad);
        var e = Assert.Throws<InvalidOperationException>(y.Backward);
        Assert.Contains("does not require grad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        x.RequiresGrad = true;
        Functional.Sum(Functional.Multiply(x, 3f)).Backward();
        Functional.Sum(Functional.Multiply(x, 3f)).Backward();
        Assert.Equal(new[] { 6f, 6f }, x.Grad!.ToArray());
    }

    [Fact]
    public void Scope_returns_temporaries_and_keeps_what_is_asked()
    {
        var w = Tensor.Ones(3, 3);
        w.RequiresGrad = true;
        Tensor temporary;
        Tensor kept;
        using (var scope = TensorScope.Begin())
        {
            temporary = Functional.Relu(w);
            kept = scope.Keep(Functional.Tanh(w));
            Functional.Sum(temporary).Backward();
        }

        var e = Assert.Throws<ObjectDisposedException>(() => temporary.Data[0]);
        Assert.Contains("TensorScope", e.Message, StringComparison.Ordinal);
        Assert.Equal(MathF.Tanh(1f), kept.Data[0], 6);
        Assert.Equal(1f, w.Data[0]);
        Assert.Equal(Enumerable.Repeat(1f, 9), w.Grad!.ToArray());
    }

    [Fact]
    public void Backward_of_a_non_scalar_needs_a_gradient()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        var e = Assert.Throws<InvalidOperationException>(() => Functional.Relu(x).Backward());
        Assert.Contains("one-element", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_name_parameters_and_buffers_with_dotted_paths()
    {
        var g = new Generator(1);
        var stem = new Sequential(("conv2d_0", new Conv2d(1, 2, (3, 3), generator: g)), ("batchnorm_0", new BatchNorm(2)));
        var model = new Sequential(("stem", stem), ("flatten", new Flatten()), ("dense_0", new Linear(8, 3, generator: g)));
        Assert.Equal(
            ["stem.conv2d_0.weight", "stem.conv2d_0.bias", "stem.batchnorm_0.weight", "stem.batchnorm_0.bias", "dense_0.weight", "dense_0.bias"],
            model.NamedParameters().Select(p => p.Name).ToArray());
        Assert.Equal(["stem.batchnorm_0.running_mean", "stem.batchnorm_0.running_var"], model.NamedBuffers().Select(p => p.Name).ToArray());
        Assert.Equal((2 * 9) + 2 + 2 + 2 + 24 + 3, model.ParameterCount());
        Assert.Same(((Linear)model.GetSubmodule("dense_0")!).Weight, model.GetParameter("dense_0.weight"));
        Assert.Same(((BatchNorm)model.GetSubmodule("stem.batchnorm_0")!).RunningVar, model.GetBuffer("stem.batchnorm_0.running_var"));
        Assert.Null(model.GetParameter("dense_0.running_var"));
        Assert.Throws<ArgumentException>(() => model.RegisterModule("stem", new Flatten()));
        Assert.Throws<ArgumentException>(() => model.RegisterModule("a.b", new Flatten()));

        model.Eval();
        Assert.False(stem.IsTraining);
        model.Train();
        Assert.True(model.GetSubmodule("stem.batchnorm_0")!.IsTraining);
    }

    [Fact]
    public void State_dict_round_trips_and_checks_names()
    {
        var model = new Sequential(("fc", new Linear(3, 2, generator: new Generator(1))), ("bn", new BatchNorm(2)));
        var saved = model.StateDict();
        Assert.Equal(["fc.weight", "fc.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"], saved.Keys.ToArray());
        var original = ((Linear)model.GetSubmodule("fc")!).Weight.ToArray();
        ((Linear)model.GetSubmodule("fc")!).Weight.Data.Fill(5f);
        model.LoadStateDict(saved);
        Assert.Equal(original, ((Linear)model.GetSubmodule("fc")!).Weight.ToArray());

        var other = new Sequential(("fc", new Linear(3, 4, generator: new Generator(1))));
        Assert.Contains("'fc.weight'", Assert.Throws<ArgumentException>(() => other.LoadStateDict(saved)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probability_losses_agree_with_logit_losses_and_clip_like_keras()
    {
        var logits = Tensor.FromArray([2f, -1f, 0.5f, 0f, 3f, -2f], 2, 3);
        var fromLogits = Functional.SparseCrossEntropy(logits, [0, 1]).Item();
        var fromProbabilities = Functional.SparseCrossEntropyFromProbabilities(Functional.Softmax(logits), [0, 1]).Item();
        Assert.Equal(fromLogits, fromProbabilities, 5);
        var oneHot = Tensor.FromArray([1f, 0f, 0f, 0f, 1f, 0f], 2, 3);
        Assert.Equal(Functional.CrossEntropy(logits, oneHot).Item(), Functional.CrossEntropyFromProbabilities(Functional.Softmax(logits), oneHot).Item(), 5);

        // A zero probability for the true class costs −log(1e−7), not infinity.
        var certainWrong = Tensor.FromArray([0f, 1f], 1, 2);
        Assert.Equal(-Math.Log(1e-7), Functional.SparseCrossEntropyFromProbabilities(certainWrong, [0]).Item(), 3);
    }

    [Fact]
    public void Same_padding_matches_keras()
    {
        // 7 wide, kernel 3, stride 2 → output 4, total padding 2 → 1 + 1; 8 wide → total 1 → 0 + 1.
        Assert.Equal(new Padding2d(1, 1, 0, 1), Padding2d.Same.Resolve(7, 8, (3, 3), (2, 2), (1, 1)));
        var y = Functional.Conv2d(Tensor.Zeros(1, 1, 7, 8), Tensor.Zeros(1, 1, 3, 3), null, (2, 2), Padding2d.Same, (1, 1));
        Assert.Equal(new[] { 1, 1, 4, 4 }, y.Shape.ToArray());
    }
}
