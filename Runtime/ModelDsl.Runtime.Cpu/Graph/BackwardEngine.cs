using System;
using System.Collections.Generic;
using System.Threading;

namespace ModelDsl.Runtime.Cpu.Graph;

/// <summary>Runs reverse-mode differentiation over the recorded graph in reverse topological order.</summary>
internal static class BackwardEngine
{
    private static int _stamp;

    [ThreadStatic]
    private static List<GradNode>? _order;

    [ThreadStatic]
    private static Stack<(GradNode Node, int Next)>? _stack;

    public static void Run(Tensor root, Tensor? gradient)
    {
        if (root.GradFn is null)
        {
            if (!root.RequiresGrad)
            {
                throw new InvalidOperationException(
                    $"Backward() on a {Tensor.Describe(root.ShapeArray)} tensor that does not require grad: no parameter or input with RequiresGrad took part in computing it (or it was computed under Autograd.NoGrad())");
            }

            var g = GradientOfLeaf(root);
            if (gradient is null)
            {
                g.AsSpan().Fill(1f);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Add(g, gradient.Buffer, g);
            }

            return;
        }

        if (gradient is null && root.Count != 1)
        {
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a one-element tensor (a loss) but this one has shape {Tensor.Describe(root.ShapeArray)}; pass the upstream gradient");
        }

        var order = _order ??= new List<GradNode>(64);
        var stack = _stack ??= new Stack<(GradNode, int)>(64);
        order.Clear();
        var stamp = Interlocked.Increment(ref _stamp);
        TopologicalSort(root.GradFn, stamp, order, stack);

        root.Grad = Tensor.RentGradient(root.ShapeArray);
        if (gradient is null)
        {
            root.Grad.Buffer[0] = 1f;
        }
        else
        {
            gradient.Buffer.AsSpan().CopyTo(root.Grad.Buffer);
        }

        // order is post-order (inputs before consumers); walk it backwards.
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            var output = node.Output;
            var grad = output.Grad;
            if (grad is null)
            {
                continue;
            }

            node.Backward(grad.Buffer);

            // Intermediate gradients are not retained (as in PyTorch); their buffers go back to the pool.
            output.Grad = null;
            BufferPool.Return(grad.Buffer);
        }

        order.Clear();
    }

    private static float[] GradientOfLeaf(Tensor leaf)
    {
        leaf.Grad ??= Tensor.Zeros([.. leaf.ShapeArray]);
        return leaf.Grad.Buffer;
    }

    private static void TopologicalSort(GradNode start, int stamp, List<GradNode> order, Stack<(GradNode Node, int Next)> stack)
    {
        start.VisitStamp = stamp;
        stack.Push((start, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputs = node.Inputs;
            var pushedChild = false;
            for (var i = next; i < inputs.Length; i++)
            {
                var child = inputs[i]?.GradFn;
                if (child is not null && child.VisitStamp != stamp)
                {
                    child.VisitStamp = stamp;
                    stack.Push((node, i + 1));
                    stack.Push((child, 0));
                    pushedChild = true;
                    break;
                }
            }

            if (!pushedChild)
            {
                order.Add(node);
            }
        }
    }
}
