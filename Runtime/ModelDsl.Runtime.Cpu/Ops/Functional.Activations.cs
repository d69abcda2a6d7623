using System;
using System.Numerics;
using System.Numerics.Tensors;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Applies the activation <paramref name="kind"/> (softmax variants over dimension 1).</summary>
    public static Tensor Activation(Tensor x, ActivationKind kind, float slope = 0.01f) => kind switch
    {
        ActivationKind.Relu => Relu(x),
        ActivationKind.Sigmoid => Sigmoid(x),
        ActivationKind.Tanh => Tanh(x),
        ActivationKind.Softmax => Softmax(x, 1),
        ActivationKind.LogSoftmax => LogSoftmax(x, 1),
        ActivationKind.Gelu => Gelu(x),
        ActivationKind.Elu => Elu(x),
        ActivationKind.LeakyRelu => LeakyRelu(x, slope),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };

    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray);
        TensorPrimitives.Max(x.Buffer, 0f, y.Buffer);
        return Pointwise(x, y, ActivationKind.Relu, 0f);
    }

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor x, float slope = 0.01f)
    {
        var y = Tensor.Empty(x.ShapeArray);
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var i = 0; i < xs.Length; i++)
        {
            var v = xs[i];
            ys[i] = v > 0f ? v : v * slope;
        }

        return Pointwise(x, y, ActivationKind.LeakyRelu, slope);
    }

    /// <summary>Logistic sigmoid.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray);
        TensorPrimitives.Sigmoid(x.Buffer, y.Buffer);
        return Pointwise(x, y, ActivationKind.Sigmoid, 0f);
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray);
        TensorPrimitives.Tanh(x.Buffer, y.Buffer);
        return Pointwise(x, y, ActivationKind.Tanh, 0f);
    }

    /// <summary>Exact GELU: x·Φ(x).</summary>
    public static Tensor Gelu(Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray);
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var i = 0; i < xs.Length; i++)
        {
            double v = xs[i];
            ys[i] = (float)(0.5 * v * (1.0 + Erf(v * InvSqrt2)));
        }

        return Pointwise(x, y, ActivationKind.Gelu, 0f);
    }

    /// <summary>ELU with α = <paramref name="alpha"/>.</summary>
    public static Tensor Elu(Tensor x, float alpha = 1f)
    {
        var y = Tensor.Empty(x.ShapeArray);
        var xs = x.Buffer;
        var ys = y.Buffer;
        for (var i = 0; i < xs.Length; i++)
        {
            var v = xs[i];
            ys[i] = v > 0f ? v : alpha * (MathF.Exp(v) - 1f);
        }

        return Pointwise(x, y, ActivationKind.Elu, alpha);
    }

    /// <summary>
    /// erf with |error| &lt; 1.2e-7 (Numerical Recipes' erfc Chebyshev fit); the BCL has no erf.
    /// </summary>
    internal static double Erf(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var poly = 0.17087277;
        poly = (poly * t) - 0.82215223;
        poly = (poly * t) + 1.48851587;
        poly = (poly * t) - 1.13520398;
        poly = (poly * t) + 0.27886807;
        poly = (poly * t) - 0.18628806;
        poly = (poly * t) + 0.09678418;
        poly = (poly * t) + 0.37409196;
        poly = (poly * t) + 1.00002368;
        poly = (poly * t) - 1.26551223;
        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? 1.0 - r : r - 1.0;
    }

    private static Tensor Pointwise(Tensor x, Tensor y, ActivationKind kind, float parameter) =>
        Autograd.ShouldRecord(x) ? Autograd.Record(y, new PointwiseNode(x, kind, parameter)) : y;

    /// <summary>gx += g where x &gt; 0 (vectorised: every network has ReLUs).</summary>
    /// <summary>gx (+=, or = when <paramref name="overwrite"/>) g where x &gt; 0, else 0.</summary>
    private static void ReluBackward(float[] x, float[] g, float[] gx, bool overwrite)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var pass = Vector.GreaterThan(new Vector<float>(x, i), Vector<float>.Zero);
                var passed = Vector.ConditionalSelect(pass, new Vector<float>(g, i), Vector<float>.Zero);
                (overwrite ? passed : new Vector<float>(gx, i) + passed).CopyTo(gx, i);
            }
        }

        for (; i < x.Length; i++)
        {
            var passed = x[i] > 0f ? g[i] : 0f;
            gx[i] = overwrite ? passed : gx[i] + passed;
        }
    }

    /// <summary>Backward of the element-wise activations; uses the saved input and output.</summary>
    private sealed class PointwiseNode(Tensor x, ActivationKind kind, float parameter) : GradNode(x)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var xs = input.Buffer;
            var ys = Output.Buffer;
            if (kind == ActivationKind.Relu)
            {
                ReluBackward(xs, gradOutput, GradientToWrite(input, out var overwrite), overwrite);
                return;
            }

            var gx = GradientOf(input);
            switch (kind)
            {
                case ActivationKind.LeakyRelu:
                    for (var i = 0; i < xs.Length; i++)
                    {
                        gx[i] += xs[i] > 0f ? gradOutput[i] : gradOutput[i] * parameter;
                    }

                    break;
                case ActivationKind.Sigmoid:
                    for (var i = 0; i < xs.Length; i++)
                    {
                        gx[i] += gradOutput[i] * ys[i] * (1f - ys[i]);
                    }

                    break;
                case ActivationKind.Tanh:
                    for (var i = 0; i < xs.Length; i++)
                    {
                        gx[i] += gradOutput[i] * (1f - (ys[i] * ys[i]));
                    }

                    break;
                case ActivationKind.Gelu:
                    for (var i = 0; i < xs.Length; i++)
                    {
                        double v = xs[i];
                        var cdf = 0.5 * (1.0 + Erf(v * InvSqrt2));
                        var pdf = InvSqrt2Pi * Math.Exp(-0.5 * v * v);
                        gx[i] += (float)(gradOutput[i] * (cdf + (v * pdf)));
                    }

                    break;
                case ActivationKind.Elu:
                    for (var i = 0; i < xs.Length; i++)
                    {
                        gx[i] += xs[i] > 0f ? gradOutput[i] : gradOutput[i] * (ys[i] + parameter);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"no pointwise backward for {kind}");
            }
        }
    }
}
