using System;
using System.Numerics.Tensors;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// 2-D convolution over NCHW tensors by im2col + GEMM, forward and both backward passes, any stride, asymmetric
/// padding, dilation and groups. Images are processed in chunks whose column matrices sit side by side, so one GEMM
/// covers enough columns to keep the micro-kernel busy even when an image has few output pixels (the convnet's
/// 3×3 maps); the batch is split over <see cref="KernelThreads"/>, each thread doing im2col, GEMM and scatter for
/// its own images with its own buffers (weight gradients are summed at the end).
/// </summary>
public static unsafe class Conv2dKernel
{
    /// <summary>Columns (output pixels, over a chunk of images) one GEMM aims for.</summary>
    private const int TargetColumns = 2048;

    /// <summary>output = conv(input, weight) + bias; <paramref name="bias"/> may be empty.</summary>
    public static void Forward(
        Conv2dShape geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        Span<float> output) => Forward(geometry, input, weight, bias, output, KernelThreads.Count);

    /// <summary>Forward with an explicit thread bound (tests pin 1 and 2).</summary>
    internal static void Forward(
        Conv2dShape geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        Span<float> output, int threads)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Check(geometry, input.Length, geometry.InputSize, "input");
        Check(geometry, weight.Length, geometry.WeightSize, "weight");
        Check(geometry, output.Length, geometry.OutputSize, "output");
        if (!bias.IsEmpty)
        {
            Check(geometry, bias.Length, geometry.OutChannels, "bias");
        }

        fixed (float* pInput = input)
        fixed (float* pWeight = weight)
        fixed (float* pBias = bias)
        fixed (float* pOutput = output)
        {
            Conv2dJob.Run(Conv2dPass.Forward, geometry, pInput, pWeight, bias.IsEmpty ? null : pBias, pOutput, accumulate: false, threads);
        }
    }

    /// <summary>inputGrad (=, or += when <paramref name="accumulate"/>) the gradient of the input.</summary>
    public static void BackwardInput(
        Conv2dShape geometry, ReadOnlySpan<float> outputGrad, ReadOnlySpan<float> weight, Span<float> inputGrad,
        bool accumulate) => BackwardInput(geometry, outputGrad, weight, inputGrad, accumulate, KernelThreads.Count);

    /// <summary>BackwardInput with an explicit thread bound.</summary>
    internal static void BackwardInput(
        Conv2dShape geometry, ReadOnlySpan<float> outputGrad, ReadOnlySpan<float> weight, Span<float> inputGrad,
        bool accumulate, int threads)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Check(geometry, outputGrad.Length, geometry.OutputSize, "output gradient");
        Check(geometry, weight.Length, geometry.WeightSize, "weight");
        Check(geometry, inputGrad.Length, geometry.InputSize, "input gradient");
        fixed (float* pOutputGrad = outputGrad)
        fixed (float* pWeight = weight)
        fixed (float* pInputGrad = inputGrad)
        {
            Conv2dJob.Run(Conv2dPass.BackwardInput, geometry, pInputGrad, pWeight, null, pOutputGrad, accumulate, threads);
        }
    }

    /// <summary>
    /// weightGrad and biasGrad (=, or += when <paramref name="accumulate"/>) the gradients of the parameters;
    /// <paramref name="biasGrad"/> may be empty.
    /// </summary>
    public static void BackwardWeight(
        Conv2dShape geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> weightGrad,
        Span<float> biasGrad, bool accumulate) =>
        BackwardWeight(geometry, input, outputGrad, weightGrad, biasGrad, accumulate, KernelThreads.Count);

    /// <summary>BackwardWeight with an explicit thread bound.</summary>
    internal static void BackwardWeight(
        Conv2dShape geometry, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> weightGrad,
        Span<float> biasGrad, bool accumulate, int threads)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Check(geometry, input.Length, geometry.InputSize, "input");
        Check(geometry, outputGrad.Length, geometry.OutputSize, "output gradient");
        Check(geometry, weightGrad.Length, geometry.WeightSize, "weight gradient");
        if (!biasGrad.IsEmpty)
        {
            Check(geometry, biasGrad.Length, geometry.OutChannels, "bias gradient");
        }

        fixed (float* pInput = input)
        fixed (float* pOutputGrad = outputGrad)
        fixed (float* pWeightGrad = weightGrad)
        fixed (float* pBiasGrad = biasGrad)
        {
            Conv2dJob.Run(
                Conv2dPass.BackwardWeight, geometry, pInput, pWeightGrad, biasGrad.IsEmpty ? null : pBiasGrad, pOutputGrad,
                accumulate, threads);
        }
    }

    /// <summary>Images per GEMM chunk.</summary>
    internal static int ChunkImages(Conv2dShape geometry) =>
        Math.Clamp((TargetColumns + geometry.OutPixels - 1) / geometry.OutPixels, 1, geometry.Batch);

    private static void Check(Conv2dShape geometry, int length, int needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException($"Conv2d: the {name} holds {length} floats, the geometry needs {needed} ({geometry}).", name);
        }
    }

    /// <summary>Bias gradient of a range of images: per output channel, the sum of its gradient plane.</summary>
    internal static void SumPlanes(Conv2dShape g, float* outputGrad, int imageStart, int imageEnd, float* sums)
    {
        new Span<float>(sums, g.OutChannels).Clear();
        var pixels = g.OutPixels;
        for (var n = imageStart; n < imageEnd; n++)
        {
            for (var co = 0; co < g.OutChannels; co++)
            {
                sums[co] += TensorPrimitives.Sum(new ReadOnlySpan<float>(outputGrad + ((((long)n * g.OutChannels) + co) * pixels), pixels));
            }
        }
    }
}
