using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>Same elements, new shape (one dimension may be −1 and is inferred).</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        var resolved = (int[])shape.Clone();
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"reshape to {Tensor.Describe(shape)}: only one dimension can be -1");
                }

                inferred = i;
            }
            else if (resolved[i] < 0)
            {
                throw new ArgumentException($"reshape to {Tensor.Describe(shape)}: negative dimension");
            }
            else
            {
                known *= resolved[i];
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || x.Count % known != 0)
            {
                throw new ArgumentException($"reshape {Tensor.Describe(x.ShapeArray)} to {Tensor.Describe(shape)}: {x.Count} elements do not divide into it");
            }

            resolved[inferred] = (int)(x.Count / known);
            known *= resolved[inferred];
        }

        if (known != x.Count)
        {
            throw new ArgumentException(
                $"reshape {Tensor.Describe(x.ShapeArray)} ({x.Count} elements) to {Tensor.Describe(shape)} ({known} elements): element counts differ");
        }

        return CopyAs(x, resolved);
    }

    /// <summary>[N, d1, d2, …] → [N, d1·d2·…] (the batch dimension is kept).</summary>
    public static Tensor Flatten(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 1)
        {
            throw new ArgumentException("flatten needs a tensor with a batch dimension");
        }

        var n = x.ShapeArray[0];
        return CopyAs(x, [n, n == 0 ? 0 : x.Count / n]);
    }

    /// <summary>Concatenates tensors along <paramref name="dim"/>; all other dimensions must agree.</summary>
    public static Tensor Concat(int dim, params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("concat needs at least one tensor", nameof(tensors));
        }

        var first = tensors[0].ShapeArray;
        var d = Tensor.NormalizeDim(dim, first.Length);
        var shape = (int[])first.Clone();
        shape[d] = 0;
        var record = false;
        foreach (var t in tensors)
        {
            var s = t.ShapeArray;
            var compatible = s.Length == first.Length;
            for (var i = 0; compatible && i < s.Length; i++)
            {
                compatible = i == d || s[i] == first[i];
            }

            if (!compatible)
            {
                throw new ArgumentException(
                    $"concat along dimension {d}: shapes {Tensor.Describe(first)} and {Tensor.Describe(s)} differ outside that dimension");
            }

            shape[d] += s[d];
            record |= Autograd.ShouldRecord(t);
        }

        var outer = 1;
        for (var i = 0; i < d; i++)
        {
            outer *= shape[i];
        }

        var y = Tensor.Empty(shape);
        var ys = y.Buffer;
        var outChunk = outer == 0 ? 0 : y.Count / outer;
        var offset = 0;
        foreach (var t in tensors)
        {
            var chunk = outer == 0 ? 0 : t.Count / outer;
            for (var o = 0; o < outer; o++)
            {
                t.Buffer.AsSpan(o * chunk, chunk).CopyTo(ys.AsSpan((o * outChunk) + offset, chunk));
            }

            offset += chunk;
        }

        return record ? Autograd.Record(y, new ConcatNode((Tensor[])tensors.Clone(), outer, outChunk)) : y;
    }

    /// <summary>Pads the two spatial dimensions of [N, C, H, W] with zeros.</summary>
    public static Tensor ZeroPad2d(Tensor x, Padding2d padding)
    {
        ArgumentNullException.ThrowIfNull(x);
        Shapes.RequireRank(x, 4, "zeropad2d", "[N, C, H, W]");
        var p = padding.IsSame ? throw new ArgumentException("zeropad2d needs explicit padding, not same") : padding.Resolve(0, 0, (1, 1), (1, 1), (1, 1));
        var s = x.ShapeArray;
        int planes = s[0] * s[1], h = s[2], w = s[3];
        int ho = h + p.Top + p.Bottom, wo = w + p.Left + p.Right;
        var y = Tensor.Empty([s[0], s[1], ho, wo], clear: true);
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var c = 0; c < planes; c++)
        {
            for (var i = 0; i < h; i++)
            {
                xs.AsSpan((c * h * w) + (i * w), w).CopyTo(ys.AsSpan((c * ho * wo) + ((i + p.Top) * wo) + p.Left, w));
            }
        }

        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new ZeroPadNode(x, p, planes, h, w)) : y;
    }

    private static Tensor CopyAs(Tensor x, int[] shape)
    {
        var y = Tensor.Empty(shape);
        x.Buffer.AsSpan().CopyTo(y.Buffer);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new CopyNode(x)) : y;
    }

    private sealed class CopyNode(Tensor x) : GradNode(x)
    {
        public override void Backward(float[] gradOutput) => AddInto(gradOutput, GradientOf(Inputs[0]!));
    }

    private sealed class ConcatNode(Tensor[] inputs, int outer, int outChunk) : GradNode(inputs)
    {
        public override void Backward(float[] gradOutput)
        {
            var offset = 0;
            foreach (var t in Inputs)
            {
                var chunk = outer == 0 ? 0 : t!.Count / outer;
                if (Wants(t))
                {
                    var g = GradientOf(t!);
                    for (var o = 0; o < outer; o++)
                    {
                        AddInto(gradOutput.AsSpan((o * outChunk) + offset, chunk), g.AsSpan(o * chunk, chunk));
                    }
                }

                offset += chunk;
            }
        }
    }

    private sealed class ZeroPadNode(Tensor x, Padding2d p, int planes, int h, int w) : GradNode(x)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            int ho = h + p.Top + p.Bottom, wo = w + p.Left + p.Right;
            for (var c = 0; c < planes; c++)
            {
                for (var i = 0; i < h; i++)
                {
                    AddInto(gradOutput.AsSpan((c * ho * wo) + ((i + p.Top) * wo) + p.Left, w), gx.AsSpan((c * h * w) + (i * w), w));
                }
            }
        }
    }
}
