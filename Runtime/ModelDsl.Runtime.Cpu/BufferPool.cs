using System;
using System.Collections.Generic;
using System.Threading;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// Exact-length pool of float and int arrays. Tensors created inside a <see cref="TensorScope"/> and the
/// gradients of intermediate tensors come from here and go back when the scope ends (or when backward no
/// longer needs them), so a warm training step reuses the previous step's buffers instead of allocating.
/// </summary>
internal static class BufferPool
{
    // Enough for many same-sized activations of a deep network; beyond that arrays are left to the GC.
    private const int MaxPerLength = 256;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, Stack<float[]>> Floats = [];
    private static readonly Dictionary<int, Stack<int[]>> Ints = [];

    public static float[] RentFloats(int length, bool clear)
    {
        if (length == 0)
        {
            return [];
        }

        float[]? array = null;
        lock (Gate)
        {
            if (Floats.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                array = stack.Pop();
            }
        }

        if (array is null)
        {
            return new float[length];
        }

        if (clear)
        {
            Array.Clear(array);
        }

        return array;
    }

    public static int[] RentInts(int length)
    {
        if (length == 0)
        {
            return [];
        }

        lock (Gate)
        {
            if (Ints.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                return stack.Pop();
            }
        }

        return new int[length];
    }

    public static void Return(float[] array)
    {
        if (array.Length == 0)
        {
            return;
        }

        lock (Gate)
        {
            if (!Floats.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<float[]>();
                Floats[array.Length] = stack;
            }

            if (stack.Count < MaxPerLength)
            {
                stack.Push(array);
            }
        }
    }

    public static void Return(int[] array)
    {
        if (array.Length == 0)
        {
            return;
        }

        lock (Gate)
        {
            if (!Ints.TryGetValue(array.Length, out var stack))
            {
                stack = new Stack<int[]>();
                Ints[array.Length] = stack;
            }

            if (stack.Count < MaxPerLength)
            {
                stack.Push(array);
            }
        }
    }

    public static void Trim()
    {
        lock (Gate)
        {
            Floats.Clear();
            Ints.Clear();
        }
    }
}
