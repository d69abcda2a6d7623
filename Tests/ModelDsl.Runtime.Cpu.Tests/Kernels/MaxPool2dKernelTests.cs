using System;
using ModelDsl.Runtime.Cpu.Kernels;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests.Kernels;

public sealed class MaxPool2dKernelTests
{
    [Theory]
    [InlineData(3, 2, 2)]
    [InlineData(2, 26, 26)]
    [InlineData(5, 11, 11)]
    [InlineData(4, 7, 35)]
    [InlineData(3, 34, 17)]
    [InlineData(2048, 26, 26)]
    public void Matches_naive_pooling_with_ties_and_nan(int planes, int height, int width)
    {
        var random = new Random((planes * 100) + width);
        var input = new float[planes * height * width];
        for (var i = 0; i < input.Length; i++)
        {
            // Few distinct values make ties common; a sprinkling of NaN checks that NaN wins.
            input[i] = random.Next(50) == 0 ? float.NaN : random.Next(4);
        }

        var outH = height / 2;
        var outW = width / 2;
        var output = new float[planes * outH * outW];
        var argmax = new int[output.Length];
        MaxPool2dKernel.Forward2x2(input, planes, height, width, output, argmax);
        var withoutIndices = new float[output.Length];
        MaxPool2dKernel.Forward2x2(input, planes, height, width, withoutIndices, Span<int>.Empty);

        for (var p = 0; p < planes; p++)
        {
            for (var oh = 0; oh < outH; oh++)
            {
                for (var ow = 0; ow < outW; ow++)
                {
                    var best = -1;
                    foreach (var (dy, dx) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
                    {
                        var at = (((2 * oh) + dy) * width) + (2 * ow) + dx;
                        var v = input[(p * height * width) + at];
                        var current = best < 0 ? float.NaN : input[(p * height * width) + best];
                        if (best < 0 || v > current || (float.IsNaN(v) && !float.IsNaN(current)))
                        {
                            best = at;
                        }
                    }

                    var o = (p * outH * outW) + (oh * outW) + ow;
                    Assert.Equal(best, argmax[o]);
                    Assert.Equal(input[(p * height * width) + best], output[o]);
                    Assert.Equal(output[o], withoutIndices[o]);
                }
            }
        }
    }

    [Fact]
    public void Rejects_small_buffers()
    {
        Assert.Throws<ArgumentException>(() => MaxPool2dKernel.Forward2x2(new float[16], 1, 4, 4, new float[3], Span<int>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxPool2dKernel.Forward2x2(new float[16], 1, 1, 16, new float[8], Span<int>.Empty));
    }
}
