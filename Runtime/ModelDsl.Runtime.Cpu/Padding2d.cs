using System;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// Zero (or, for max pooling, −∞) padding of a 2-D window operation: explicit per side, or <see cref="Same"/>,
/// resolved against the input size the way Keras does (output = ceil(input / stride); an odd total puts the
/// extra row/column at the bottom/right).
/// </summary>
public readonly record struct Padding2d(int Top, int Bottom, int Left, int Right)
{
    /// <summary>True for Keras <c>same</c> padding, resolved per input size by <see cref="Resolve"/>.</summary>
    public bool IsSame { get; private init; }

    /// <summary>No padding.</summary>
    public static Padding2d Valid => default;

    /// <summary>Keras <c>same</c> padding.</summary>
    public static Padding2d Same => new(0, 0, 0, 0) { IsSame = true };

    /// <summary>The same padding on all four sides.</summary>
    public static Padding2d Symmetric(int padding) => Symmetric(padding, padding);

    /// <summary><paramref name="height"/> rows above and below, <paramref name="width"/> columns left and right.</summary>
    public static Padding2d Symmetric(int height, int width) => new(height, height, width, width);

    /// <summary>The explicit padding for an input of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public Padding2d Resolve(int height, int width, (int Height, int Width) kernel, (int Height, int Width) stride, (int Height, int Width) dilation)
    {
        if (!IsSame)
        {
            if (Top < 0 || Bottom < 0 || Left < 0 || Right < 0)
            {
                throw new ArgumentException($"padding must not be negative: {this}");
            }

            return this;
        }

        var (top, bottom) = SameAxis(height, kernel.Height, stride.Height, dilation.Height);
        var (left, right) = SameAxis(width, kernel.Width, stride.Width, dilation.Width);
        return new Padding2d(top, bottom, left, right);
    }

    /// <summary>Output size along one axis: floor((in + before + after − d·(k − 1) − 1) / s) + 1.</summary>
    internal static int OutputSize(int input, int before, int after, int kernel, int stride, int dilation, string op)
    {
        var span = (dilation * (kernel - 1)) + 1;
        var padded = input + before + after;
        if (padded < span)
        {
            throw new ArgumentException(
                $"{op}: the window ({kernel} with dilation {dilation} spans {span}) is larger than the padded input ({input} + {before} + {after} = {padded})");
        }

        return ((padded - span) / stride) + 1;
    }

    private static (int Before, int After) SameAxis(int input, int kernel, int stride, int dilation)
    {
        var output = (input + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + (dilation * (kernel - 1)) + 1 - input, 0);
        return (total / 2, total - (total / 2));
    }
}
