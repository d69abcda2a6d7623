using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// A contiguous, row-major float32 tensor (batch first, NCHW for images) that can take part in
/// reverse-mode automatic differentiation. Shapes are immutable; the data can be read and written
/// through <see cref="Data"/>.
/// </summary>
public sealed class Tensor
{
    private float[]? _buffer;
    private readonly int[] _shape;

    internal Tensor(float[] buffer, int[] shape)
    {
        _buffer = buffer;
        _shape = shape;
        Count = buffer.Length;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements.</summary>
    public int Count { get; }

    /// <summary>
    /// Whether gradients are accumulated into <see cref="Grad"/> for this tensor. Set it to false on a
    /// parameter to freeze it.
    /// </summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient of a leaf tensor after <see cref="Backward()"/>, or null.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>True when the tensor was not produced by a recorded operation (inputs, parameters).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The elements in row-major order.</summary>
    public Span<float> Data => Buffer.AsSpan();

    internal float[] Buffer => _buffer ?? throw new ObjectDisposedException(
        nameof(Tensor),
        $"this {Describe(_shape)} tensor's storage went back to the buffer pool when its TensorScope ended; call scope.Keep(tensor) or Clone() it before the scope ends");

    internal int[] ShapeArray => _shape;

    internal GradNode? GradFn { get; set; }

    internal TensorScope? Scope { get; set; }

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => _shape[NormalizeDim(dim, _shape.Length)];

    /// <summary>Wraps <paramref name="data"/> without copying it; its length must equal the shape's product.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = CheckedCount(shape);
        if (data.Length != count)
        {
            throw new ArgumentException($"data holds {data.Length} values but shape {Describe(shape)} needs {count}", nameof(data));
        }

        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>Copies <paramref name="data"/> into a new tensor (pooled inside a <see cref="TensorScope"/>).</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> data, params int[] shape)
    {
        var count = CheckedCount(shape);
        if (data.Length != count)
        {
            throw new ArgumentException($"data holds {data.Length} values but shape {Describe(shape)} needs {count}", nameof(data));
        }

        var t = Empty((int[])shape.Clone());
        data.CopyTo(t.Buffer);
        return t;
    }

    /// <summary>A new tensor of zeros (never scope-owned: use it for parameters and state).</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[CheckedCount(shape)], (int[])shape.Clone());

    /// <summary>A new tensor filled with <paramref name="value"/> (never scope-owned).</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Zeros(shape);
        t.Buffer.AsSpan().Fill(value);
        return t;
    }

    /// <summary>A new tensor of ones (never scope-owned).</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A new tensor of uniform samples in [low, high).</summary>
    public static Tensor Uniform(Generator generator, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        var data = t.Buffer;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = generator.Uniform(low, high);
        }

        return t;
    }

    /// <summary>A new tensor of standard normal samples.</summary>
    public static Tensor Normal(Generator generator, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Zeros(shape);
        var data = t.Buffer;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = generator.Normal();
        }

        return t;
    }

    /// <summary>The single value of a one-element tensor (a loss, for example).</summary>
    public float Item()
    {
        if (Count != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one element but this one has shape {Describe(_shape)}");
        }

        return Buffer[0];
    }

    /// <summary>A copy of the elements.</summary>
    public float[] ToArray() => (float[])Buffer.Clone();

    /// <summary>A copy that shares no storage and is not part of the graph (pooled inside a scope).</summary>
    public Tensor Detach()
    {
        var t = Empty(_shape);
        Buffer.AsSpan().CopyTo(t.Buffer);
        return t;
    }

    /// <summary>A copy that is never scope-owned, so it outlives every <see cref="TensorScope"/>.</summary>
    public Tensor Clone() => new((float[])Buffer.Clone(), _shape);

    /// <summary>Backpropagates from this one-element tensor (a loss), accumulating into leaf gradients.</summary>
    public void Backward() => BackwardEngine.Run(this, null);

    /// <summary>Backpropagates with an explicit upstream gradient of this tensor's shape.</summary>
    public void Backward(Tensor gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        Shapes.RequireSame(this, gradient, "Backward gradient");
        BackwardEngine.Run(this, gradient);
    }

    /// <summary>A view of the same elements with another shape (a copy; graph-aware). One dimension may be -1.</summary>
    public Tensor Reshape(params int[] shape) => Functional.Reshape(this, shape);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(Describe(_shape));
        if (_buffer is not null && Count <= 16)
        {
            sb.Append(" {");
            for (var i = 0; i < Count; i++)
            {
                sb.Append(i == 0 ? " " : ", ").Append(_buffer[i].ToString("G6", CultureInfo.InvariantCulture));
            }

            sb.Append(" }");
        }

        return sb.ToString();
    }

    /// <summary>"[2, 3, 4]".</summary>
    internal static string Describe(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>An uninitialised tensor for an operation result: pooled and scope-owned inside a scope.</summary>
    internal static Tensor Empty(int[] shape, bool clear = false)
    {
        var count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        var scope = TensorScope.Current;
        var t = new Tensor(scope is null ? new float[count] : BufferPool.RentFloats(count, clear), shape);
        if (scope is not null)
        {
            t.Scope = scope;
            t.Pooled = true;
            scope.Track(t);
        }

        return t;
    }

    internal bool Pooled { get; private set; }

    /// <summary>Releases storage of a scope-owned tensor; later access throws a clear error.</summary>
    internal void ReleaseStorage()
    {
        if (_buffer is not null && Pooled)
        {
            BufferPool.Return(_buffer);
        }

        _buffer = null;
        Scope = null;
        GradFn = null;
        if (Grad is not null && Grad.Pooled)
        {
            Grad.ReleaseStorage();
        }

        Grad = null;
    }

    /// <summary>Gradient storage of a non-leaf tensor, rented for one backward pass.</summary>
    internal static Tensor RentGradient(int[] shape, bool clear = true)
    {
        var count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        return new Tensor(BufferPool.RentFloats(count, clear), shape) { Pooled = true };
    }

    internal static int NormalizeDim(int dim, int rank)
    {
        var d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"dimension out of range for a rank-{rank} tensor");
        }

        return d;
    }

    private static int CheckedCount(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"shape {Describe(shape)} has a negative dimension", nameof(shape));
            }

            count *= d;
            if (count > int.MaxValue)
            {
                throw new ArgumentException($"shape {Describe(shape)} has more than {int.MaxValue} elements", nameof(shape));
            }
        }

        return (int)count;
    }
}
