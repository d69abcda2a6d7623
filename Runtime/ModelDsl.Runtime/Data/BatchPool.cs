using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Reuses batch arrays across steps. A batch of 32 MNIST images is 100 KB — above the large-object threshold — so
/// allocating one per step would churn the large-object heap and trigger full collections. Arrays are handed out
/// at exactly the requested length (unlike <see cref="System.Buffers.ArrayPool{T}"/>), so <c>Values.Length</c>
/// stays meaningful. Single-threaded, like the training loop that owns it.
/// </summary>
public sealed class BatchPool
{
    private readonly Dictionary<int, Stack<float[]>> _floats = [];
    private readonly Dictionary<int, Stack<int[]>> _ints = [];

    public float[] RentFloats(int length) =>
        _floats.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : GC.AllocateUninitializedArray<float>(length);

    public int[] RentInts(int length) =>
        _ints.TryGetValue(length, out var stack) && stack.Count > 0 ? stack.Pop() : new int[length];

    /// <summary>Takes back the arrays of <paramref name="batch"/>; the batch must not be used afterwards.</summary>
    public void Return(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var tensor in batch.Inputs)
        {
            Return(tensor);
        }

        foreach (var tensor in batch.Targets)
        {
            Return(tensor);
        }
    }

    private void Return(BatchTensor tensor)
    {
        if (tensor.Values is { } values)
        {
            Stack(_floats, values.Length).Push(values);
        }

        if (tensor.ClassIndices is { } indices)
        {
            Stack(_ints, indices.Length).Push(indices);
        }
    }

    private static Stack<T[]> Stack<T>(Dictionary<int, Stack<T[]>> stacks, int length)
    {
        if (!stacks.TryGetValue(length, out var stack))
        {
            stack = new Stack<T[]>();
            stacks[length] = stack;
        }

        return stack;
    }
}
