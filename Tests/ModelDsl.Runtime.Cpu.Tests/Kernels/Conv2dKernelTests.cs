using System;
using ModelDsl.Runtime.Cpu.Kernels;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests.Kernels;

public sealed class Conv2dKernelTests
{
    public static TheoryData<Conv2dShape> Geometries() => new()
    {
        // The convnet's layers (small batch), then stride, asymmetric padding, dilation, groups, 1×1, non-square.
        new Conv2dShape(batch: 3, channels: 1, height: 28, width: 28, outChannels: 4, kernelHeight: 3, kernelWidth: 3),
        new Conv2dShape(batch: 5, channels: 6, height: 5, width: 5, outChannels: 8, kernelHeight: 3, kernelWidth: 3),
        new Conv2dShape(2, 3, 9, 11, 5, 3, 3, strideHeight: 2, strideWidth: 3),
        new Conv2dShape(2, 2, 7, 6, 3, 3, 2, padTop: 1, padBottom: 2, padLeft: 0, padRight: 1),
        new Conv2dShape(3, 2, 10, 9, 4, 3, 3, dilationHeight: 2, dilationWidth: 3, padTop: 2, padBottom: 2, padLeft: 3, padRight: 3),
        new Conv2dShape(4, 6, 6, 5, 4, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, groups: 2),
        new Conv2dShape(2, 4, 5, 5, 6, 1, 1, strideHeight: 2, strideWidth: 2),
        new Conv2dShape(1, 3, 4, 4, 2, 4, 4, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, strideHeight: 3, strideWidth: 3),
        new Conv2dShape(7, 3, 3, 3, 9, 2, 2, padTop: 3, padBottom: 0, padLeft: 0, padRight: 3, groups: 3),

        // The implicit GEMM: a patch deeper than one packed block (270 > Kc), output channels not a whole number of
        // strips, panels running across rows and images; "same" stride 1 (input gradient by the flipped kernel),
        // stride 2, and rows wider than a panel.
        new Conv2dShape(3, 30, 7, 7, 13, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(2, 5, 12, 12, 9, 3, 3, strideHeight: 2, strideWidth: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(2, 3, 40, 37, 17, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(3, 4, 9, 9, 5, 5, 3, padTop: 4, padBottom: 0, padLeft: 2, padRight: 0),

        // The offset route (padded grid at most half again as wide as the output): "same" padding, more
        // output channels than one 16-wide strip, dilation, asymmetric padding, more grid columns than one pass.
        new Conv2dShape(2, 20, 16, 16, 7, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(3, 5, 20, 22, 20, 3, 3, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2, dilationHeight: 2, dilationWidth: 2),
        new Conv2dShape(2, 4, 12, 14, 9, 2, 3, padTop: 1, padBottom: 0, padLeft: 2, padRight: 0),

        // ... one image cut into slices (batch-1 inference on several threads): of output channels for the forward,
        // of grid columns for the weight gradient ...
        new Conv2dShape(1, 3, 30, 30, 8, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(1, 4, 6, 6, 40, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),

        // ... and strided, through the stride's phases: dilated, unequal strides.
        new Conv2dShape(2, 3, 17, 19, 10, 3, 3, strideHeight: 2, strideWidth: 2, padTop: 2, padBottom: 2, padLeft: 2, padRight: 2, dilationHeight: 2, dilationWidth: 2),
        new Conv2dShape(2, 4, 14, 13, 7, 3, 3, strideHeight: 2, strideWidth: 1, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Forward_and_backward_match_direct_convolution(Conv2dShape g)
    {
        var random = new Random(g.InputSize + g.WeightSize);
        var input = RandomArray(random, g.InputSize);
        var weight = RandomArray(random, g.WeightSize);
        var bias = RandomArray(random, g.OutChannels);
        var outputGrad = RandomArray(random, g.OutputSize);
        var (output, inputGrad, weightGrad, biasGrad) = Reference(g, input, weight, bias, outputGrad);

        foreach (var threads in new[] { 1, 2 })
        {
            var actualOutput = new float[g.OutputSize];
            Array.Fill(actualOutput, float.NaN);
            Conv2dKernel.Forward(g, input, weight, bias, actualOutput, threads);
            AssertClose(output, actualOutput, $"forward, {threads} threads");

            var actualInputGrad = new float[g.InputSize];
            Array.Fill(actualInputGrad, float.NaN);
            Conv2dKernel.BackwardInput(g, outputGrad, weight, actualInputGrad, accumulate: false, threads);
            AssertClose(inputGrad, actualInputGrad, $"input gradient, {threads} threads");

            var actualWeightGrad = new float[g.WeightSize];
            var actualBiasGrad = new float[g.OutChannels];
            Array.Fill(actualWeightGrad, float.NaN);
            Array.Fill(actualBiasGrad, float.NaN);
            Conv2dKernel.BackwardWeight(g, input, outputGrad, actualWeightGrad, actualBiasGrad, accumulate: false, threads);
            AssertClose(weightGrad, actualWeightGrad, $"weight gradient, {threads} threads");
            AssertClose(biasGrad, actualBiasGrad, $"bias gradient, {threads} threads");
        }
    }

    public static TheoryData<Conv2dShape> AccumulateGeometries() => new()
    {
        new Conv2dShape(4, 2, 6, 6, 3, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1),
        new Conv2dShape(4, 3, 12, 12, 18, 3, 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1), // the offset route
    };

    [Theory]
    [MemberData(nameof(AccumulateGeometries))]
    public void Accumulate_adds_to_existing_gradients_and_empty_bias_is_allowed(Conv2dShape g)
    {
        var random = new Random(3);
        var input = RandomArray(random, g.InputSize);
        var weight = RandomArray(random, g.WeightSize);
        var outputGrad = RandomArray(random, g.OutputSize);
        var (output, inputGrad, weightGrad, _) = Reference(g, input, weight, new float[g.OutChannels], outputGrad);

        var actualOutput = new float[g.OutputSize];
        Conv2dKernel.Forward(g, input, weight, ReadOnlySpan<float>.Empty, actualOutput);
        AssertClose(output, actualOutput, "forward without bias");

        var actualInputGrad = new float[g.InputSize];
        Array.Fill(actualInputGrad, 1f);
        Conv2dKernel.BackwardInput(g, outputGrad, weight, actualInputGrad, accumulate: true);
        AssertClose(Array.ConvertAll(inputGrad, v => v + 1f), actualInputGrad, "accumulated input gradient");

        var actualWeightGrad = new float[g.WeightSize];
        Array.Fill(actualWeightGrad, -2f);
        Conv2dKernel.BackwardWeight(g, input, outputGrad, actualWeightGrad, Span<float>.Empty, accumulate: true);
        AssertClose(Array.ConvertAll(weightGrad, v => v - 2f), actualWeightGrad, "accumulated weight gradient");
    }

    [Fact]
    public void Geometry_computes_output_size_and_rejects_bad_settings()
    {
        var g = new Conv2dShape(1, 4, 28, 28, 8, 3, 3, strideHeight: 2, strideWidth: 1, padTop: 0, padBottom: 1, dilationWidth: 2);
        Assert.Equal((14, 24), (g.OutHeight, g.OutWidth));
        Assert.Throws<ArgumentException>(() => new Conv2dShape(1, 3, 8, 8, 4, 3, 3, groups: 2));
        Assert.Throws<ArgumentException>(() => new Conv2dShape(1, 1, 2, 2, 1, 3, 3));
        Assert.Throws<ArgumentException>(() => new Conv2dShape(1, 1, 8, 8, 1, 3, 3, strideHeight: 0));
        var error = Assert.Throws<ArgumentException>(
            () => Conv2dKernel.Forward(g, new float[10], new float[g.WeightSize], ReadOnlySpan<float>.Empty, new float[g.OutputSize]));
        Assert.Contains("input holds 10 floats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Im2col_pack_and_accumulate_are_adjoint()
    {
        // <Pack(x), y> == <x, Accumulate(y)> for random x and y: the property backward relies on.
        var g = new Conv2dShape(1, 3, 7, 8, 2, 3, 2, strideHeight: 2, strideWidth: 2, padTop: 1, padBottom: 0, padLeft: 2, padRight: 1, dilationHeight: 2);
        var random = new Random(9);
        var rows = g.PatchSize;
        var ld = g.OutPixels + 5;
        var x = RandomArray(random, g.Channels * g.Height * g.Width);
        var y = RandomArray(random, rows * ld);
        var col = new float[rows * ld];
        Im2Col.Pack(g, x, 0, g.Channels, col, ld, 5);
        var back = new float[x.Length];
        Im2Col.Accumulate(g, y, ld, 5, back, 0, g.Channels);
        double left = 0, right = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var j = 5; j < ld; j++)
            {
                left += col[(r * ld) + j] * (double)y[(r * ld) + j];
            }
        }

        for (var i = 0; i < x.Length; i++)
        {
            right += x[i] * (double)back[i];
        }

        Assert.Equal(left, right, 3);
        Assert.All(col[..5], v => Assert.Equal(0f, v));
    }

    private static (float[] Output, float[] InputGrad, float[] WeightGrad, float[] BiasGrad) Reference(
        Conv2dShape g, float[] input, float[] weight, float[] bias, float[] outputGrad)
    {
        var output = new double[g.OutputSize];
        var inputGrad = new double[g.InputSize];
        var weightGrad = new double[g.WeightSize];
        var biasGrad = new double[g.OutChannels];
        for (var n = 0; n < g.Batch; n++)
        {
            for (var co = 0; co < g.OutChannels; co++)
            {
                var group = co / g.GroupOutChannels;
                for (var oy = 0; oy < g.OutHeight; oy++)
                {
                    for (var ox = 0; ox < g.OutWidth; ox++)
                    {
                        var o = (((n * g.OutChannels) + co) * g.OutPixels) + (oy * g.OutWidth) + ox;
                        var sum = (double)bias[co];
                        biasGrad[co] += outputGrad[o];
                        for (var c = 0; c < g.GroupChannels; c++)
                        {
                            var ci = (group * g.GroupChannels) + c;
                            for (var ky = 0; ky < g.KernelHeight; ky++)
                            {
                                var y = (oy * g.StrideHeight) - g.PadTop + (ky * g.DilationHeight);
                                for (var kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    var x = (ox * g.StrideWidth) - g.PadLeft + (kx * g.DilationWidth);
                                    if (y < 0 || y >= g.Height || x < 0 || x >= g.Width)
                                    {
                                        continue;
                                    }

                                    var i = (((n * g.Channels) + ci) * g.Height * g.Width) + (y * g.Width) + x;
                                    var w = (((co * g.GroupChannels) + c) * g.KernelHeight * g.KernelWidth) + (ky * g.KernelWidth) + kx;
                                    sum += input[i] * (double)weight[w];
                                    inputGrad[i] += outputGrad[o] * (double)weight[w];
                                    weightGrad[w] += outputGrad[o] * (double)input[i];
                                }
                            }
                        }

                        output[o] = sum;
                    }
                }
            }
        }

        return (ToFloat(output), ToFloat(inputGrad), ToFloat(weightGrad), ToFloat(biasGrad));
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1.0, Math.Abs(expected[i]))))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]}");
            }
        }
    }

    private static float[] RandomArray(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
