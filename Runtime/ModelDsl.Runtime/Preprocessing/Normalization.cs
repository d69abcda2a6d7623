using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Preprocessing;

/// <summary>
/// The <c>normalize:</c> setting. <see cref="Fit"/> computes whatever statistics it needs from the
/// <em>training</em> data only; the resulting <see cref="Normalizer"/> is then applied unchanged to training,
/// validation, test and prediction batches.
/// </summary>
public abstract record Normalization
{
    /// <summary><c>scale(s)</c>: x / s (<c>scale(255)</c> maps 8-bit pixels to [0, 1]).</summary>
    public static Normalization Scale(double divisor) => new ScaleNormalization(divisor);

    /// <summary><c>range(a, b)</c>: maps pixel values [0, 255] linearly onto [a, b].</summary>
    public static Normalization Range(double min, double max) => new RangeNormalization(min, max);

    /// <summary>
    /// <c>standardize</c>: (x − mean) / std with mean and std from the training data — per channel for images
    /// ([C, H, W] examples), per feature for vectors ([F]), over all values otherwise; with <paramref name="global"/>
    /// one mean and standard deviation over all values of every channel.
    /// </summary>
    public static Normalization Standardize(bool global = false) => new StandardizeNormalization(global);

    /// <summary><c>mean_std([..], [..])</c>: (x / 255 − mean[c]) / std[c] per channel (per feature for vectors), as torchvision's ToTensor + Normalize.</summary>
    public static Normalization MeanStd(IReadOnlyList<double> mean, IReadOnlyList<double> std) => new MeanStdNormalization(mean, std);

    /// <summary>Computes the statistics this normalisation needs from <paramref name="column"/> (the training inputs).</summary>
    public abstract Normalizer Fit(DataColumn column);

    /// <summary>Fits on the first input column of <paramref name="train"/>.</summary>
    public Normalizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(train.Features);
    }

    /// <summary>The number of statistic groups for an example shape: channels of [C,H,W], features of [F], else 1.</summary>
    internal static int Groups(int[] exampleShape) => exampleShape.Length is 1 or 3 ? exampleShape[0] : 1;
}
