using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Shape of a 2-D convolution over NCHW tensors: input [batch, channels, height, width], weight
/// [outChannels, channels / groups, kernelHeight, kernelWidth], output [batch, outChannels, outHeight, outWidth].
/// Padding may differ per side (TensorFlow-style "same" padding is asymmetric).
/// </summary>
public sealed record Conv2dShape
{
    public Conv2dShape(
        int batch, int channels, int height, int width, int outChannels, int kernelHeight, int kernelWidth,
        int strideHeight = 1, int strideWidth = 1, int padTop = 0, int padBottom = 0, int padLeft = 0, int padRight = 0,
        int dilationHeight = 1, int dilationWidth = 1, int groups = 1)
    {
        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadBottom = padBottom;
        PadLeft = padLeft;
        PadRight = padRight;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        Groups = groups;

        if (batch < 1 || channels < 1 || height < 1 || width < 1 || outChannels < 1 || kernelHeight < 1 || kernelWidth < 1)
        {
            throw new ArgumentException($"Conv2d: sizes must be positive ({this}).");
        }

        if (strideHeight < 1 || strideWidth < 1 || dilationHeight < 1 || dilationWidth < 1)
        {
            throw new ArgumentException($"Conv2d: stride and dilation must be at least 1 ({this}).");
        }

        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0)
        {
            throw new ArgumentException($"Conv2d: padding must not be negative ({this}).");
        }

        if (groups < 1 || channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(
                $"Conv2d: {groups} groups must divide both {channels} input and {outChannels} output channels.");
        }

        OutHeight = ((height + padTop + padBottom - (dilationHeight * (kernelHeight - 1)) - 1) / strideHeight) + 1;
        OutWidth = ((width + padLeft + padRight - (dilationWidth * (kernelWidth - 1)) - 1) / strideWidth) + 1;
        if (height + padTop + padBottom < (dilationHeight * (kernelHeight - 1)) + 1 ||
            width + padLeft + padRight < (dilationWidth * (kernelWidth - 1)) + 1)
        {
            throw new ArgumentException(
                $"Conv2d: the {kernelHeight}×{kernelWidth} kernel (dilation {dilationHeight}×{dilationWidth}) is larger " +
                $"than the padded {height}×{width} input.");
        }
    }

    public int Batch { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int OutChannels { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int StrideHeight { get; }

    public int StrideWidth { get; }

    public int PadTop { get; }

    public int PadBottom { get; }

    public int PadLeft { get; }

    public int PadRight { get; }

    public int DilationHeight { get; }

    public int DilationWidth { get; }

    public int Groups { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    /// <summary>Input channels seen by one group's filters.</summary>
    public int GroupChannels => Channels / Groups;

    /// <summary>Output channels produced by one group.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Rows of one group's column matrix: (channel, ky, kx) triples.</summary>
    public int PatchSize => GroupChannels * KernelHeight * KernelWidth;

    /// <summary>Output pixels of one image.</summary>
    public int OutPixels => OutHeight * OutWidth;

    public int InputSize => Batch * Channels * Height * Width;

    public int OutputSize => Batch * OutChannels * OutPixels;

    public int WeightSize => OutChannels * PatchSize;
}
