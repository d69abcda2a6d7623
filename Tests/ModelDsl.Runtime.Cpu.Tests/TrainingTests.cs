using System;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>End-to-end training behaviour: convergence, allocation after warm-up, freezing, modes.</summary>
public sealed class TrainingTests
{
    [Fact]
    public void Mlp_learns_a_separable_problem()
    {
        var rng = new Generator(3);
        const int n = 256;
        var features = new float[n * 2];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            // Two classes separated by the line x + 2y = 0.5, with a margin.
            float x, y;
            do
            {
                x = rng.Uniform(-2, 2);
                y = rng.Uniform(-2, 2);
            }
            while (Math.Abs(x + (2 * y) - 0.5f) < 0.2f);

            features[2 * i] = x;
            features[(2 * i) + 1] = y;
            labels[i] = x + (2 * y) > 0.5f ? 1 : 0;
        }

        var init = new Generator(11);
        var model = new Sequential(("fc1", new Linear(2, 16, generator: init)), ("act", new Activation(ActivationKind.Relu)), ("fc2", new Linear(16, 2, generator: init)));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var input = Tensor.FromArray(features, n, 2);
        float first = 0, last = 0;
        for (var epoch = 0; epoch < 60; epoch++)
        {
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                var loss = Functional.SparseCrossEntropy(model.Forward(input), labels);
                loss.Backward();
                optimizer.Step();
                last = loss.Item();
                if (epoch == 0)
                {
                    first = last;
                }
            }
        }

        Assert.True(last < first * 0.3f, $"loss went from {first} to {last}");
        model.Eval();
        int correct = 0;
        using (Autograd.NoGrad())
        {
            var logits = model.Forward(input).Data;
            for (var i = 0; i < n; i++)
            {
                var predicted = logits[2 * i] > logits[(2 * i) + 1] ? 0 : 1;
                correct += predicted == labels[i] ? 1 : 0;
            }
        }

        Assert.True(correct >= n * 0.95, $"accuracy {correct}/{n}");
    }

    [Fact]
    public void Warm_training_step_allocates_almost_nothing()
    {
        const int batch = 64;
        var init = new Generator(5);
        var model = new Sequential(
            ("fc1", new Linear(32, 128, generator: init)),
            ("bn", new BatchNorm(128)),
            ("act", new Activation(ActivationKind.Gelu)),
            ("drop", new Dropout(0.2f, new Generator(1))),
            ("fc2", new Linear(128, 10, generator: init)));
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        var data = Tensor.Normal(new Generator(2), batch, 32).ToArray();
        var labels = new int[batch];
        for (var i = 0; i < batch; i++)
        {
            labels[i] = i % 10;
        }

        var shape = new[] { batch, 32 };
        void Step()
        {
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                var x = Tensor.FromSpan(data, shape);
                var loss = Functional.SparseCrossEntropy(model.Forward(x), labels);
                loss.Backward();
                optimizer.Step();
                _ = loss.Item();
            }
        }

        for (var i = 0; i < 3; i++)
        {
            Step();
        }

        const int steps = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < steps; i++)
        {
            Step();
        }

        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;

        // One [64, 128] activation alone is 32 KiB; an unpooled step allocates well over 300 KiB.
        Assert.True(perStep < 8 * 1024, $"a warm training step allocated {perStep} bytes");
    }

    [Fact]
    public void Frozen_parameters_get_no_gradient_and_do_not_move()
    {
        var init = new Generator(4);
        var model = new Sequential(("stem", new Linear(3, 4, generator: init)), ("head", new Linear(4, 2, generator: init)));
        model.GetSubmodule("stem")!.SetRequiresGrad(false);
        var optimizer = new Sgd(model.Parameters(), lr: 0.5);
        var frozen = ((Linear)model.GetSubmodule("stem")!).Weight.ToArray();
        var head = ((Linear)model.GetSubmodule("head")!).Weight.ToArray();
        var x = Tensor.Normal(new Generator(1), 5, 3);
        Functional.SparseCrossEntropy(model.Forward(x), [0, 1, 0, 1, 1]).Backward();
        optimizer.Step();
        Assert.Null(((Linear)model.GetSubmodule("stem")!).Weight.Grad);
        Assert.Equal(frozen, ((Linear)model.GetSubmodule("stem")!).Weight.ToArray());
        Assert.NotEqual(head, ((Linear)model.GetSubmodule("head")!).Weight.ToArray());
    }

    [Fact]
    public void Learning_rate_is_settable_per_optimizer_and_per_group()
    {
        var a = Tensor.Zeros(2);
        var b = Tensor.Zeros(2);
        a.RequiresGrad = b.RequiresGrad = true;
        var optimizer = new Sgd([new ParamGroup([a]), new ParamGroup([b], learningRate: 0.01)], lr: 0.1);
        Assert.Equal(0.1, optimizer.ParamGroups[0].LearningRate);
        Assert.Equal(0.01, optimizer.ParamGroups[1].InitialLearningRate);
        a.Grad = Tensor.Ones(2);
        b.Grad = Tensor.Ones(2);
        optimizer.Step();
        Assert.Equal(-0.1f, a.Data[0], 6);
        Assert.Equal(-0.01f, b.Data[0], 6);

        optimizer.LearningRate = 0.5;
        optimizer.Step();
        Assert.Equal(-0.6f, a.Data[0], 6);
        Assert.Equal(-0.51f, b.Data[0], 6);
        Assert.Equal(0.1, optimizer.ParamGroups[0].InitialLearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = double.NaN);
        Assert.Throws<ArgumentException>(() => new Adam([new ParamGroup([a]), new ParamGroup([a])]));
    }

    [Fact]
    public void Dropout_is_active_only_in_training_and_is_seeded()
    {
        var x = Tensor.Ones(100, 100);
        var layer = new Dropout(0.3f, new Generator(9));
        var y = layer.Forward(x).ToArray();
        var zeros = Array.FindAll(y, v => v == 0f).Length;
        Assert.InRange(zeros, 2700, 3300);
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - (1 / 0.7f)) < 1e-6));

        var again = new Dropout(0.3f, new Generator(9)).Forward(x).ToArray();
        Assert.Equal(y, again);

        layer.Eval();
        Assert.Same(x, layer.Forward(x));
    }

    [Fact]
    public void Batchnorm_uses_batch_statistics_in_training_and_running_ones_in_eval()
    {
        var bn = new BatchNorm(2, momentum: 0.5f);
        var x = Tensor.FromArray([1, 10, 3, 20, 5, 30], 3, 2);
        var y = bn.Forward(x).ToArray();

        // Training: each column normalised to mean 0.
        Assert.Equal(0.0, y[0] + y[2] + y[4], 5);
        Assert.Equal(new[] { 1.5f, 10f }, bn.RunningMean.ToArray());
        Assert.Equal(0.5f + (0.5f * 4f), bn.RunningVar.ToArray()[0], 5); // unbiased variance of 1, 3, 5 is 4

        bn.Eval();
        var z = bn.Forward(x).ToArray();
        Assert.Equal((1 - 1.5f) / MathF.Sqrt(2.5f + 1e-5f), z[0], 5);
        Assert.Equal(new[] { 1.5f, 10f }, bn.RunningMean.ToArray());
    }

    [Fact]
    public void Seeded_initialisation_is_reproducible_and_pytorch_bounded()
    {
        var a = new Linear(50, 20, generator: new Generator(42));
        var b = new Linear(50, 20, generator: new Generator(42));
        var c = new Linear(50, 20, generator: new Generator(43));
        Assert.Equal(a.Weight.ToArray(), b.Weight.ToArray());
        Assert.NotEqual(a.Weight.ToArray(), c.Weight.ToArray());
        var bound = 1 / MathF.Sqrt(50);
        Assert.All(a.Weight.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.Contains(a.Weight.ToArray(), v => Math.Abs(v) > bound * 0.9f);

        CpuEngine.ManualSeed(7);
        var d = new Conv2d(3, 4, (3, 3));
        CpuEngine.ManualSeed(7);
        var e = new Conv2d(3, 4, (3, 3));
        Assert.Equal(d.Weight.ToArray(), e.Weight.ToArray());
    }
}
