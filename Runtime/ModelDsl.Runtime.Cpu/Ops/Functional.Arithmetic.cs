using System;
using System.Numerics.Tensors;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// The differentiable operations of the Cpu engine (PyTorch's <c>torch.nn.functional</c>). Every method
/// checks shapes, computes its result, and records a backward node when gradients are enabled and an input
/// requires them. One file per operation family (Ops/Functional.*.cs).
/// </summary>
public static partial class Functional
{
    /// <summary>Element-wise sum of tensors of equal shape (the <c>add</c> layer).</summary>
    public static Tensor Add(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("add needs at least one tensor", nameof(tensors));
        }

        var first = tensors[0];
        var y = Tensor.Empty(first.ShapeArray);
        if (tensors.Length == 1)
        {
            first.Buffer.AsSpan().CopyTo(y.Buffer);
        }

        var record = false;
        for (var i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            if (t.ShapeArray.Length != first.ShapeArray.Length || !t.ShapeArray.AsSpan().SequenceEqual(first.ShapeArray))
            {
                throw new ArgumentException($"add: input {i} has shape {Tensor.Describe(t.ShapeArray)} but input 0 has {Tensor.Describe(first.ShapeArray)}; all shapes must be equal");
            }

            if (i > 0)
            {
                // The first two in one pass; the rest added to the sum.
                TensorPrimitives.Add(i == 1 ? first.Buffer : y.Buffer, t.Buffer, y.Buffer);
            }

            record |= Autograd.ShouldRecord(t);
        }

        return record ? Autograd.Record(y, new AddNode((Tensor[])tensors.Clone())) : y;
    }

    /// <summary>a + b for tensors of equal shape.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Add([a, b]);

    /// <summary>a − b for tensors of equal shape.</summary>
    public static Tensor Subtract(Tensor a, Tensor b)
    {
        Shapes.RequireSame(a, b, "subtract");
        var y = Tensor.Empty(a.ShapeArray);
        TensorPrimitives.Subtract(a.Buffer, b.Buffer, y.Buffer);
        return Autograd.ShouldRecord(a, b) ? Autograd.Record(y, new SubtractNode(a, b)) : y;
    }

    /// <summary>x · scale.</summary>
    public static Tensor Multiply(Tensor x, float scale)
    {
        var y = Tensor.Empty(x.ShapeArray);
        TensorPrimitives.Multiply(x.Buffer, scale, y.Buffer);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new ScaleNode(x, scale)) : y;
    }

    /// <summary>Element-wise product of tensors of equal shape.</summary>
    public static Tensor Multiply(Tensor a, Tensor b)
    {
        Shapes.RequireSame(a, b, "multiply");
        var y = Tensor.Empty(a.ShapeArray);
        TensorPrimitives.Multiply(a.Buffer, b.Buffer, y.Buffer);
        return Autograd.ShouldRecord(a, b) ? Autograd.Record(y, new ProductNode(a, b)) : y;
    }

    /// <summary>Sum of all elements (a scalar tensor).</summary>
    public static Tensor Sum(Tensor x)
    {
        var y = Tensor.Empty([]);
        double sum = 0;
        foreach (var v in x.Buffer)
        {
            sum += v;
        }

        y.Buffer[0] = (float)sum;
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new SumNode(x, 1f)) : y;
    }

    /// <summary>Mean of all elements (a scalar tensor).</summary>
    public static Tensor Mean(Tensor x)
    {
        var y = Tensor.Empty([]);
        double sum = 0;
        foreach (var v in x.Buffer)
        {
            sum += v;
        }

        y.Buffer[0] = (float)(sum / x.Count);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new SumNode(x, 1f / x.Count)) : y;
    }

    private sealed class AddNode(Tensor[] inputs) : GradNode(inputs)
    {
        public override void Backward(float[] gradOutput)
        {
            foreach (var input in Inputs)
            {
                if (Wants(input))
                {
                    var gradient = GradientToWrite(input!, out var overwrite);
                    if (overwrite)
                    {
                        gradOutput.AsSpan(0, gradient.Length).CopyTo(gradient);
                    }
                    else
                    {
                        AddInto(gradOutput, gradient);
                    }
                }
            }
        }
    }

    private sealed class SubtractNode(Tensor a, Tensor b) : GradNode(a, b)
    {
        private Tensor A => Inputs[0]!;

        private Tensor B => Inputs[1]!;

        public override void Backward(float[] gradOutput)
        {
            if (Wants(A))
            {
                AddInto(gradOutput, GradientOf(A));
            }

            if (Wants(B))
            {
                var gb = GradientOf(B);
                TensorPrimitives.Subtract(gb, gradOutput, gb);
            }
        }
    }

    private sealed class ScaleNode(Tensor x, float scale) : GradNode(x)
    {
        private Tensor X => Inputs[0]!;

        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(X);
            TensorPrimitives.MultiplyAdd(gradOutput, scale, gx, gx);
        }
    }

    private sealed class ProductNode(Tensor a, Tensor b) : GradNode(a, b)
    {
        private Tensor A => Inputs[0]!;

        private Tensor B => Inputs[1]!;

        public override void Backward(float[] gradOutput)
        {
            if (Wants(A))
            {
                var ga = GradientOf(A);
                TensorPrimitives.MultiplyAdd(gradOutput, B.Buffer, ga, ga);
            }

            if (Wants(B))
            {
                var gb = GradientOf(B);
                TensorPrimitives.MultiplyAdd(gradOutput, A.Buffer, gb, gb);
            }
        }
    }

    private sealed class SumNode(Tensor x, float scale) : GradNode(x)
    {
        private Tensor X => Inputs[0]!;

        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(X);
            TensorPrimitives.Add(gx, gradOutput[0] * scale, gx);
        }
    }
}
