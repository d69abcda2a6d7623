using System;
using ModelDsl.Runtime.Cpu;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>Deterministic test inputs.</summary>
internal static class TestData
{
    public static Tensor Random(int seed, params int[] shape)
    {
        var t = Tensor.Normal(new Generator(seed), shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>Pairwise distinct values at least 0.05 apart (no ties for max pooling, no kinks near zero).</summary>
    public static Tensor Distinct(int seed, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        var order = new int[t.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Generator(seed).Shuffle(order.AsSpan());
        for (var i = 0; i < order.Length; i++)
        {
            t.Data[i] = ((order[i] - (order.Length / 2)) * 0.05f) + 0.025f;
        }

        t.RequiresGrad = true;
        return t;
    }

    public static Tensor Uniform(int seed, float low, float high, params int[] shape)
    {
        var t = Tensor.Uniform(new Generator(seed), low, high, shape);
        t.RequiresGrad = true;
        return t;
    }
}
