using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// Inverted dropout: in training zeroes each element with probability <paramref name="rate"/> and scales
    /// the rest by 1/(1 − rate); in evaluation returns <paramref name="x"/> itself.
    /// </summary>
    public static Tensor Dropout(Tensor x, float rate, bool training, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout rate must satisfy 0 <= rate < 1");
        }

        if (!training || rate == 0f)
        {
            return x;
        }

        var rng = generator ?? CpuEngine.DefaultGenerator;
        var scale = 1f / (1f - rate);
        var mask = GradNode.SaveBuffer(x.Count);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = rng.NextSingle() < rate ? 0f : scale;
        }

        var y = Tensor.Empty(x.ShapeArray);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Buffer, mask, y.Buffer);
        return Autograd.ShouldRecord(x) ? Autograd.Record(y, new DropoutNode(x, mask)) : y;
    }

    private sealed class DropoutNode(Tensor x, float[] mask) : GradNode(x)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradOutput, mask, gx, gx);
        }
    }
}
