using System;
using System.Diagnostics;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using Xunit;
using Xunit.Abstractions;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>A small convnet (conv, batchnorm, pooling, dropout, dense) trains end to end and stays allocation-light.</summary>
public sealed class ConvNetTrainingTests(ITestOutputHelper output)
{
    private const int Size = 8;

    [Fact]
    public void Convnet_learns_bar_orientation()
    {
        var (images, labels) = Bars(128, new Generator(1));
        var model = Build(new Generator(2));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var input = Tensor.FromArray(images, labels.Length, 1, Size, Size);
        float first = 0, last = 0;
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < 25; step++)
        {
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                var loss = Functional.SparseCrossEntropy(model.Forward(input), labels);
                loss.Backward();
                optimizer.Step();
                last = loss.Item();
                first = step == 0 ? last : first;
            }
        }

        output.WriteLine($"25 steps of batch 128: {clock.ElapsedMilliseconds} ms, loss {first} → {last}");
        Assert.True(last < first * 0.5f, $"loss went from {first} to {last}");

        var (testImages, testLabels) = Bars(64, new Generator(9));
        model.Eval();
        using (Autograd.NoGrad())
        {
            var predicted = Functional.ArgMax(model.Forward(Tensor.FromArray(testImages, testLabels.Length, 1, Size, Size)));
            var correct = 0;
            for (var i = 0; i < predicted.Length; i++)
            {
                correct += predicted[i] == testLabels[i] ? 1 : 0;
            }

            Assert.True(correct >= 58, $"test accuracy {correct}/64");
        }
    }

    [Fact]
    public void Warm_convnet_step_allocates_little()
    {
        var (images, labels) = Bars(32, new Generator(3));
        var model = Build(new Generator(4));
        var optimizer = new Sgd(model.Parameters(), lr: 0.01, momentum: 0.9);
        var shape = new[] { labels.Length, 1, Size, Size };
        void Step()
        {
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                Functional.SparseCrossEntropy(model.Forward(Tensor.FromSpan(images, shape)), labels).Backward();
                optimizer.Step();
            }
        }

        for (var i = 0; i < 3; i++)
        {
            Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Step();
        }

        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        output.WriteLine($"{perStep} bytes per warm step");

        // The first conv output alone is 32·8·8·8·4 = 64 KiB.
        Assert.True(perStep < 16 * 1024, $"a warm convnet step allocated {perStep} bytes");
    }

    private static Sequential Build(Generator g) => new(
        ("conv2d_0", new Conv2d(1, 8, (3, 3), padding: Padding2d.Same, bias: false, generator: g)),
        ("batchnorm_0", new BatchNorm(8)),
        ("relu_0", new Activation(ActivationKind.Relu)),
        ("maxpool2d_0", new MaxPool2d((2, 2))),
        ("conv2d_1", new Conv2d(8, 8, (3, 3), padding: Padding2d.Symmetric(1), groups: 2, generator: g)),
        ("relu_1", new Activation(ActivationKind.Relu)),
        ("global_avgpool2d_0", new GlobalAvgPool2d()),
        ("dropout_0", new Dropout(0.1f, new Generator(5))),
        ("dense_0", new Linear(8, 2, generator: g)));

    /// <summary>Noisy 8×8 images with one vertical (class 0) or horizontal (class 1) bright bar.</summary>
    private static (float[] Images, int[] Labels) Bars(int count, Generator rng)
    {
        var images = new float[count * Size * Size];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = rng.NextInt(2);
            var at = rng.NextInt(Size);
            for (var p = 0; p < Size * Size; p++)
            {
                var (row, col) = (p / Size, p % Size);
                var onBar = labels[i] == 0 ? col == at : row == at;
                images[(i * Size * Size) + p] = (onBar ? 1f : 0f) + (0.2f * rng.Normal());
            }
        }

        return (images, labels);
    }
}
