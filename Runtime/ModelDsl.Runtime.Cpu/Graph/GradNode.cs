using System;

namespace ModelDsl.Runtime.Cpu.Graph;

/// <summary>
/// One recorded operation: knows its inputs and how to turn the gradient of its output into gradients
/// of its inputs. Implementations accumulate (+=) into <see cref="GradientOf"/> so that tensors used
/// twice receive the sum of both contributions.
/// </summary>
internal abstract class GradNode
{
    protected GradNode(params Tensor?[] inputs) => Inputs = inputs;

    public Tensor?[] Inputs { get; }

    public Tensor Output { get; set; } = null!;

    /// <summary>Stamp of the last backward pass that visited this node (topological sort without a set).</summary>
    public int VisitStamp { get; set; }

    /// <summary>Adds the input gradients for <paramref name="gradOutput"/> (the gradient of <see cref="Output"/>).</summary>
    public abstract void Backward(float[] gradOutput);

    /// <summary>True when <paramref name="input"/> needs a gradient.</summary>
    protected static bool Wants(Tensor? input) => input is not null && input.RequiresGrad;

    /// <summary>The gradient accumulator of <paramref name="input"/>, created zeroed on first use.</summary>
    protected static float[] GradientOf(Tensor input)
    {
        if (input.Grad is null)
        {
            // Leaf gradients persist across steps (the optimiser reads them, ZeroGrad clears them);
            // intermediate gradients are rented for this pass only.
            input.Grad = input.IsLeaf ? Tensor.Zeros([.. input.ShapeArray]) : Tensor.RentGradient(input.ShapeArray);
        }

        return input.Grad.Buffer;
    }

    /// <summary>
    /// The gradient buffer of <paramref name="input"/> for a node that can write every element of it. When this is
    /// the first contribution of the pass to an intermediate tensor, the buffer is rented without clearing and
    /// <paramref name="overwrite"/> is true: the caller must assign every element (=) rather than add (+=). That
    /// saves the clearing pass and a read of zeros on every activation-sized gradient. Otherwise it is
    /// <see cref="GradientOf"/> and the caller accumulates.
    /// </summary>
    protected static float[] GradientToWrite(Tensor input, out bool overwrite)
    {
        if (input.Grad is null && !input.IsLeaf)
        {
            input.Grad = Tensor.RentGradient(input.ShapeArray, clear: false);
            overwrite = true;
            return input.Grad.Buffer;
        }

        overwrite = false;
        return GradientOf(input);
    }

    /// <summary>A temporary saved for backward: pooled, returned when the enclosing scope ends.</summary>
    protected internal static float[] SaveBuffer(int length, bool clear = false)
    {
        var buffer = BufferPool.RentFloats(length, clear);
        TensorScope.Current?.Track(buffer);
        return buffer;
    }

    /// <summary>An int temporary saved for backward (argmax indices, labels).</summary>
    protected internal static int[] SaveIntBuffer(int length)
    {
        var buffer = BufferPool.RentInts(length);
        TensorScope.Current?.Track(buffer);
        return buffer;
    }

    protected static void AddInto(ReadOnlySpan<float> source, Span<float> destination) =>
        System.Numerics.Tensors.TensorPrimitives.Add(destination, source, destination);
}
