using System;
using System.Linq;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// One named tensor of a weight file, backend-neutral: its dotted name (<c>stem.conv2d_0.weight</c>), its shape and its
/// values as float32 in row-major (C) order. The arrays are the caller's: records compare them by reference.
/// </summary>
/// <param name="Name">The key: the <c>.model</c> path of the layer plus the parameter name (<c>weight</c>, <c>bias</c>,
/// <c>running_mean</c>, <c>running_var</c>).</param>
/// <param name="Shape">The dimensions (PyTorch layout: a dense weight is <c>[out, in]</c>, a conv weight
/// <c>[out, in / groups, kh, kw]</c>).</param>
/// <param name="Values">Row-major values; <c>Values.Length</c> is the product of <paramref name="Shape"/>.</param>
public sealed record WeightTensor(string Name, long[] Shape, float[] Values)
{
    /// <summary>The shape as written in messages: <c>[64, 3, 7, 7]</c>.</summary>
    public static string Describe(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>Whether two shapes are equal dimension by dimension.</summary>
    public static bool SameShape(long[] left, long[] right) => left.AsSpan().SequenceEqual(right);
}
