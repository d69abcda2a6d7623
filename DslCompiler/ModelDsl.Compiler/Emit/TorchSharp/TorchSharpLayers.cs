using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>
/// How each layer of the catalog is written in TorchSharp: the module type and factory call for layers that hold a
/// module, and the expression that applies the layer in <c>forward</c>. Every factory argument is positional, because
/// parameter names differ between TorchSharp 0.99.6 and current releases; trailing arguments equal to the factory's
/// defaults are left out.
/// </summary>
internal static class TorchSharpLayers
{
    /// <summary>The module type a layer is held in, or null when it is applied functionally (activations, merges, reshape).</summary>
    public static string? ModuleType(CheckedLayer layer) => layer.Kind switch
    {
        LayerKind.Dense => TorchSharpTypes.Modules + ".Linear",
        LayerKind.Conv2d => TorchSharpTypes.Modules + ".Conv2d",
        LayerKind.MaxPool2d => TorchSharpTypes.Modules + ".MaxPool2d",
        LayerKind.AvgPool2d => TorchSharpTypes.Modules + ".AvgPool2d",
        LayerKind.GlobalAvgPool2d => TorchSharpTypes.Modules + ".AdaptiveAvgPool2d",
        LayerKind.GlobalMaxPool2d => TorchSharpTypes.Modules + ".AdaptiveMaxPool2d",
        LayerKind.Flatten => TorchSharpTypes.Modules + ".Flatten",
        LayerKind.Dropout => TorchSharpTypes.Modules + ".Dropout",
        LayerKind.BatchNorm => TorchSharpTypes.Modules + (((BatchNormArguments)layer.Arguments).InputRank == 1 ? ".BatchNorm1d" : ".BatchNorm2d"),
        LayerKind.ZeroPad2d => TorchSharpTypes.Modules + ".ZeroPad2d",
        _ => null,
    };

    /// <summary>The factory call that creates the layer's module (only for layers with a <see cref="ModuleType"/>).</summary>
    public static string Factory(CheckedLayer layer)
    {
        var nn = TorchSharpTypes.Nn;
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return Call(nn + ".Linear", Trim(new[] { Long(dense.InFeatures), Long(dense.Units), Bool(dense.Bias) }, "true"));

            case Conv2dArguments conv:
                return Conv2dFactory(conv);

            case Pool2dArguments pool:
                return PoolFactory(layer.Kind, pool);

            case BatchNormArguments norm:
                {
                    // The factory's momentum is a double; a cumulative average (momentum: none) is set on the module after it.
                    // Only γ and β together exist in TorchSharp (affine), so one of them alone is adjusted after it too.
                    var type = norm.InputRank == 1 ? ".BatchNorm1d" : ".BatchNorm2d";
                    var momentum = CSharpLiterals.Double(norm.Momentum ?? 0.1);
                    var arguments = new List<string> { Long(norm.Features), CSharpLiterals.Double(norm.Eps), momentum };
                    arguments = TrimDefaults(arguments, new[] { null, CSharpLiterals.Double(1e-5), CSharpLiterals.Double(0.1) }).ToList();
                    if (!norm.Scale)
                    {
                        arguments.Add("affine: false");
                    }

                    return Call(nn + type, arguments);
                }

            case DropoutArguments dropout:
                return Call(nn + ".Dropout", new[] { CSharpLiterals.Double(dropout.Rate) });

            case ZeroPad2dArguments pad:
                {
                    var p = pad.Padding;
                    return p.Top == p.Bottom && p.Bottom == p.Left && p.Left == p.Right
                        ? Call(nn + ".ZeroPad2d", new[] { Long(p.Top) })
                        : Call(nn + ".ZeroPad2d", new[] { "(" + string.Join(", ", Long(p.Left), Long(p.Right), Long(p.Top), Long(p.Bottom)) + ")" });
                }

            default:
                return layer.Kind switch
                {
                    LayerKind.GlobalAvgPool2d => nn + ".AdaptiveAvgPool2d(1)",
                    LayerKind.GlobalMaxPool2d => nn + ".AdaptiveMaxPool2d(new long[] { 1, 1 })",  // the real factory takes only long[] (height, width)
                    _ => nn + ".Flatten()",
                };
        }
    }

    /// <summary>
    /// Re-initialises the weight and bias of a dense or conv2d layer that names initialisers. The distributions are
    /// computed here from the fans known at build time (the same formulas as the Cpu engine's <c>Initializer</c>), and
    /// written with <c>torch.nn.init</c>'s plain <c>uniform_</c>/<c>normal_</c>/<c>trunc_normal_</c>/<c>constant_</c>,
    /// so the generated code does not depend on TorchSharp's own fan computation.
    /// </summary>
    public static void WriteInitialization(CodeWriter writer, CheckedLayer layer, string field)
    {
        if (layer.Arguments is BatchNormArguments norm)
        {
            WriteBatchNormOptions(writer, norm, field);
        }

        foreach (var tensor in LayerInitialization.Of(layer))
        {
            // The bias is a nullable Parameter in TorchSharp's modules; a declared bias initialiser implies bias: true.
            var name = tensor.Parameter == "bias" ? field + ".bias!" : field + ".weight";
            WriteInit(writer, name, tensor.Spec, tensor.FanIn, tensor.FanOut);
        }
    }

    // What the BatchNorm factories cannot say: PyTorch's momentum=None, and Keras' center/scale one at a time.
    private static void WriteBatchNormOptions(CodeWriter writer, BatchNormArguments norm, string field)
    {
        if (norm.Momentum is null)
        {
            writer.Line($"{field}.momentum = null;  // momentum: none, the cumulative average: batch n weighs 1/n (PyTorch's momentum=None)");
        }

        if (norm.Scale && !norm.Center)
        {
            writer.Line($"{field}.bias = null;  // center: false, no beta (Keras)");
        }
        else if (!norm.Scale && norm.Center)
        {
            writer.Line($"{field}.bias = {TorchSharpTypes.Nn}.Parameter({TorchSharpTypes.Torch}.zeros({Long(norm.Features)}));  // scale: false, beta without gamma (Keras)");
        }
    }

    private static void WriteInit(CodeWriter writer, string tensor, InitializerSpec spec, long fanIn, long fanOut)
    {
        var init = TorchSharpTypes.Nn + ".init";
        var distribution = spec.Distribution(fanIn, fanOut);
        var p = distribution.Parameter;
        var fans = $", fan_in {fanIn}, fan_out {fanOut}";
        switch (distribution.Shape)
        {
            case InitializerShape.Uniform:
                writer.Line($"{init}.uniform_({tensor}, {CSharpLiterals.Double(-p)}, {CSharpLiterals.Double(p)});  // {spec}{fans}");
                break;
            case InitializerShape.Normal:
                writer.Line($"{init}.normal_({tensor}, 0.0, {CSharpLiterals.Double(p)});  // {spec}{fans}");
                break;
            case InitializerShape.TruncatedNormal:
                // By the inverse CDF, as PyTorch's trunc_normal_: U(2Φ(−2) − 1, 2Φ(2) − 1) → erfinv → ·σ√2 lies in ±2σ.
                // (TorchSharp 0.107's own trunc_normal_ does not honour its mean and std arguments.)
                writer.Line($"{init}.uniform_({tensor}, {CSharpLiterals.Double(-TwoSigmaMass)}, {CSharpLiterals.Double(TwoSigmaMass)});  // {spec}{fans}: normal truncated at ±2σ, σ = {CSharpLiterals.Double(p)}");
                using (writer.Block("using (" + TorchSharpTypes.Torch + ".no_grad())"))
                {
                    writer.Line($"{tensor}.erfinv_().mul_({CSharpLiterals.Double(p * System.Math.Sqrt(2))}).clamp_({CSharpLiterals.Double(-2 * p)}, {CSharpLiterals.Double(2 * p)});");
                }

                break;
            default:
                writer.Line((p == 0 ? $"{init}.zeros_({tensor})" : p == 1 ? $"{init}.ones_({tensor})" : $"{init}.constant_({tensor}, {CSharpLiterals.Double(p)})") + ";  // " + spec);
                break;
        }
    }

    // erf(√2) = 2Φ(2) − 1: the probability mass of a standard normal within ±2.
    private const double TwoSigmaMass = 0.95449973610364158;

    /// <summary>
    /// The expression that applies <paramref name="layer"/> (held in <paramref name="field"/>, if any) to the locals
    /// <paramref name="inputs"/>. <paramref name="skipActivation"/> leaves out an <c>activation:</c> shorthand (for
    /// <c>ForwardLogits</c>). <paramref name="helpers"/> records the private helpers the expression calls.
    /// </summary>
    public static string Apply(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation, TorchSharpHelpers helpers)
    {
        var x = inputs.Count > 0 ? inputs[0] : "x";
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return WithActivation(field + ".call(" + x + ")", skipActivation ? null : dense.Activation, dense.FeatureAxis);

            case Conv2dArguments conv:
                {
                    var padded = PrePad(x, conv.Padding, conv.Kernel, conv.Stride, conv.Dilation, "0.0", helpers);
                    return WithActivation(field + ".call(" + padded + ")", skipActivation ? null : conv.Activation);
                }

            case Pool2dArguments pool:
                return PoolApply(layer.Kind, pool, field!, x, helpers);

            case ActivationArguments activation:
                return skipActivation ? x : Activation(activation.Function, x);

            case ConcatArguments concat:
                return TorchSharpTypes.Torch + ".cat(new[] { " + string.Join(", ", inputs) + " }, " + CSharpLiterals.Long(concat.TensorDim) + ")";

            case ReshapeArguments reshape:
                return Reshape(x, reshape.Target);

            default:
                return layer.Kind switch
                {
                    LayerKind.Add => string.Join(" + ", inputs),
                    LayerKind.GlobalAvgPool2d or LayerKind.GlobalMaxPool2d => field + ".call(" + x + ").flatten(1)",
                    _ => field + ".call(" + x + ")",
                };
        }
    }

    /// <summary>An element-wise activation applied to <paramref name="x"/>; softmax and log-softmax act on the feature/channel
    /// axis (dim 1), or on <paramref name="axis"/> (−1: the last axis, for a dense layer on <c>[steps, features]</c>).</summary>
    public static string Activation(ActivationSpec spec, string x, int axis = 1) => spec.Function switch
    {
        ActivationFunction.Relu => TorchSharpTypes.Functional + ".relu(" + x + ")",
        ActivationFunction.Sigmoid => TorchSharpTypes.Torch + ".sigmoid(" + x + ")",
        ActivationFunction.Tanh => TorchSharpTypes.Torch + ".tanh(" + x + ")",
        ActivationFunction.Softmax => TorchSharpTypes.Functional + ".softmax(" + x + ", " + CSharpLiterals.Long(axis) + ")",
        ActivationFunction.LogSoftmax => TorchSharpTypes.Functional + ".log_softmax(" + x + ", " + CSharpLiterals.Long(axis) + ")",
        ActivationFunction.Gelu => TorchSharpTypes.Functional + ".gelu(" + x + ")",
        ActivationFunction.Elu => TorchSharpTypes.Functional + ".elu(" + x + ", 1.0)",  // alpha has no default in TorchSharp
        _ => TorchSharpTypes.Functional + ".leaky_relu(" + x + ", " + CSharpLiterals.Double(spec.Slope) + ")",
    };

    private static string WithActivation(string expression, ActivationSpec? activation, int axis = 1) =>
        activation is null ? expression : Activation(activation, expression, axis);

    private static string Conv2dFactory(Conv2dArguments conv)
    {
        // Symmetric padding goes to the convolution; asymmetric (odd "same" totals) and run-time padding are applied in
        // forward before it, so the convolution itself pads nothing.
        var padding = conv.Padding.Amount is { IsSymmetric: true } amount ? new Size2(amount.Top, amount.Left) : new Size2(0, 0);
        var square = conv.Kernel.IsSquare && conv.Stride.IsSquare && padding.IsSquare && conv.Dilation.IsSquare;
        string Size(Size2 size) => square ? Long(size.Height) : "(" + Long(size.Height) + ", " + Long(size.Width) + ")";
        var one = square ? "1" : "(1, 1)";
        var zero = square ? "0" : "(0, 0)";
        var arguments = new[]
        {
            Long(conv.InChannels), Long(conv.Filters), Size(conv.Kernel), Size(conv.Stride), Size(padding), Size(conv.Dilation),
            TorchSharpTypes.PaddingModes + ".Zeros", Long(conv.Groups), Bool(conv.Bias),
        };
        var defaults = new[] { null, null, null, one, zero, one, TorchSharpTypes.PaddingModes + ".Zeros", "1", "true" };
        return Call(TorchSharpTypes.Nn + ".Conv2d", TrimDefaults(arguments, defaults));
    }

    private static string PoolFactory(LayerKind kind, Pool2dArguments pool)
    {
        var max = kind == LayerKind.MaxPool2d;
        var type = TorchSharpTypes.Nn + (max ? ".MaxPool2d" : ".AvgPool2d");
        var amount = pool.Padding.Amount is { IsSymmetric: true } symmetric ? new Size2(symmetric.Top, symmetric.Left) : new Size2(0, 0);

        // Keras averages over the real cells only with "same"; PyTorch's default counts padded zeros.
        var excludePadding = !max && pool.Padding.Mode == PaddingMode.Same && (amount.Height != 0 || amount.Width != 0);
        var square = pool.Pool.IsSquare && pool.Stride.IsSquare && amount.IsSquare;
        var arguments = new List<string>();
        if (square)
        {
            arguments.Add(Long(pool.Pool.Height));
            arguments.Add(Long(pool.Stride.Height));
            arguments.Add(Long(amount.Height));
        }
        else
        {
            arguments.Add(LongArray(pool.Pool));
            arguments.Add(LongArray(pool.Stride));
            arguments.Add(LongArray(amount));
        }

        if (excludePadding)
        {
            arguments.Add("false");
            arguments.Add("false");
            return Call(type, arguments);
        }

        var defaults = square
            ? new[] { null, Long(pool.Pool.Height), "0" }
            : new[] { null, LongArray(pool.Pool), LongArray(new Size2(0, 0)) };
        return Call(type, TrimDefaults(arguments, defaults));
    }

    private static string PoolApply(LayerKind kind, Pool2dArguments pool, string field, string x, TorchSharpHelpers helpers)
    {
        var padding = pool.Padding;
        if (padding.Amount is { IsSymmetric: true } || padding.Amount is { IsZero: true })
        {
            return field + ".call(" + x + ")";
        }

        var pads = padding.Amount is { } amount
            ? "new long[] { " + string.Join(", ", Long(amount.Left), Long(amount.Right), Long(amount.Top), Long(amount.Bottom)) + " }"
            : SamePaddingCall(x, pool.Pool, pool.Stride, new Size2(1, 1), helpers);
        if (kind == LayerKind.MaxPool2d)
        {
            // Padding with -inf leaves every maximum over real cells, which is what "same" means for max pooling.
            return field + ".call(" + TorchSharpTypes.Functional + ".pad(" + x + ", " + pads + ", " + TorchSharpTypes.PaddingModes + ".Constant, double.NegativeInfinity))";
        }

        helpers.AveragePoolSame = true;
        return "AveragePoolSame(" + field + ", " + x + ", " + pads + ")";
    }

    private static string PrePad(string x, Padding2d padding, Size2 kernel, Size2 stride, Size2 dilation, string value, TorchSharpHelpers helpers)
    {
        if (padding.Amount is { } amount)
        {
            return amount.IsSymmetric
                ? x
                : TorchSharpTypes.Functional + ".pad(" + x + ", new long[] { " + string.Join(", ", Long(amount.Left), Long(amount.Right), Long(amount.Top), Long(amount.Bottom)) + " })";
        }

        return TorchSharpTypes.Functional + ".pad(" + x + ", " + SamePaddingCall(x, kernel, stride, dilation, helpers) + ")";
    }

    private static string SamePaddingCall(string x, Size2 kernel, Size2 stride, Size2 dilation, TorchSharpHelpers helpers)
    {
        helpers.SamePadding = true;
        return "SamePadding(" + x + ", " + string.Join(", ", Long(kernel.Height), Long(kernel.Width), Long(stride.Height), Long(stride.Width), Long(dilation.Height), Long(dilation.Width)) + ")";
    }

    private static string Reshape(string x, Shape target)
    {
        // The batch axis stays as it is (-1); symbolic target sizes are not supported by reshape (checked upstream).
        var dims = new List<string> { "-1" };
        dims.AddRange(target.Dims.Select(d => d.IsConstant ? Long(d.Constant) : "-1"));
        return x + ".reshape(" + string.Join(", ", dims) + ")";
    }

    private static string Call(string method, IEnumerable<string> arguments) => method + "(" + string.Join(", ", arguments) + ")";

    private static IEnumerable<string> Trim(string[] arguments, string lastDefault) =>
        arguments[arguments.Length - 1] == lastDefault ? arguments.Take(arguments.Length - 1) : arguments;

    private static IEnumerable<string> TrimDefaults(IReadOnlyList<string> arguments, IReadOnlyList<string?> defaults)
    {
        var count = arguments.Count;
        while (count > 0 && defaults[count - 1] is { } d && d == arguments[count - 1])
        {
            count--;
        }

        return arguments.Take(count);
    }

    private static string Long(long value) => CSharpLiterals.Long(value);

    private static string Bool(bool value) => CSharpLiterals.Bool(value);

    private static string LongArray(Size2 size) => "new long[] { " + Long(size.Height) + ", " + Long(size.Width) + " }";
}
