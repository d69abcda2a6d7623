using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>
/// How each layer of the catalog is written in PyTorch: the <c>torch.nn</c> module a layer with state or settings is
/// held in (created with keyword arguments, defaults left out), and the expression that applies it in <c>forward</c>.
/// Padding follows the other backends exactly: symmetric amounts go to the layer, asymmetric "same" amounts are an
/// <c>F.pad</c> before it (−∞ for max pooling; average pooling averages real cells only), and sizes known only at run
/// time use the <c>_same_padding</c> helper.
/// </summary>
internal static class PythonLayers
{
    /// <summary>The <c>nn.init</c> statements for a dense or conv2d layer that names initialisers (the same
    /// distributions as the C# backends, computed from the fans known at build time).</summary>
    public static IEnumerable<string> Initialization(CheckedLayer layer, string attribute)
    {
        // Keras' center/scale one at a time: nn.BatchNorm has only affine (both), so the other one is adjusted after it.
        if (layer.Arguments is BatchNormArguments { Scale: true, Center: false })
        {
            yield return attribute + ".bias = None  # center: false, no beta (Keras)";
        }
        else if (layer.Arguments is BatchNormArguments { Scale: false, Center: true } norm)
        {
            yield return attribute + ".bias = nn.Parameter(torch.zeros(" + Int(norm.Features) + "))  # scale: false, beta without gamma (Keras)";
        }

        foreach (var tensor in LayerInitialization.Of(layer))
        {
            yield return Init(attribute + "." + tensor.Parameter, tensor.Spec, tensor.FanIn, tensor.FanOut);
        }
    }

    private static string Init(string tensor, InitializerSpec spec, long fanIn, long fanOut)
    {
        var distribution = spec.Distribution(fanIn, fanOut);
        var p = distribution.Parameter;
        return distribution.Shape switch
        {
            InitializerShape.Uniform => $"nn.init.uniform_({tensor}, {PythonLiterals.Float(-p)}, {PythonLiterals.Float(p)})  # {spec}",
            InitializerShape.Normal => $"nn.init.normal_({tensor}, 0.0, {PythonLiterals.Float(p)})  # {spec}",
            InitializerShape.TruncatedNormal => $"nn.init.trunc_normal_({tensor}, 0.0, {PythonLiterals.Float(p)}, {PythonLiterals.Float(-2 * p)}, {PythonLiterals.Float(2 * p)})  # {spec}",
            _ => $"nn.init.constant_({tensor}, {PythonLiterals.Float(p)})  # {spec}",
        };
    }

    /// <summary>The factory call of the module a layer is held in, or null when it is applied functionally.</summary>
    public static string? Factory(CheckedLayer layer)
    {
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return Call("nn.Linear", new[] { Int(dense.InFeatures), Int(dense.Units) }, ("bias", Bool(dense.Bias), "True"));

            case Conv2dArguments conv:
                {
                    var padding = conv.Padding.Amount is { IsSymmetric: true } amount ? new Size2(amount.Top, amount.Left) : new Size2(0, 0);
                    return Call(
                        "nn.Conv2d",
                        new[] { Int(conv.InChannels), Int(conv.Filters) },
                        ("kernel_size", Size(conv.Kernel), null),
                        ("stride", Size(conv.Stride), "1"),
                        ("padding", Size(padding), "0"),
                        ("dilation", Size(conv.Dilation), "1"),
                        ("groups", Int(conv.Groups), "1"),
                        ("bias", Bool(conv.Bias), "True"));
                }

            case Pool2dArguments pool:
                {
                    var max = layer.Kind == LayerKind.MaxPool2d;
                    var amount = pool.Padding.Amount is { IsSymmetric: true } symmetric ? new Size2(symmetric.Top, symmetric.Left) : new Size2(0, 0);

                    // Keras averages over the real cells only with "same"; PyTorch's default counts padded zeros.
                    var excludePadding = !max && pool.Padding.Mode == PaddingMode.Same && (amount.Height != 0 || amount.Width != 0);
                    return Call(
                        max ? "nn.MaxPool2d" : "nn.AvgPool2d",
                        new[] { Size(pool.Pool) },
                        ("stride", Size(pool.Stride), Size(pool.Pool)),
                        ("padding", Size(amount), "0"),
                        ("count_include_pad", Bool(!excludePadding), "True"));
                }

            case BatchNormArguments norm:
                return Call(
                    norm.InputRank == 1 ? "nn.BatchNorm1d" : "nn.BatchNorm2d",
                    new[] { Int(norm.Features) },
                    ("eps", PythonLiterals.Float(norm.Eps), "1e-05"),
                    ("momentum", norm.Momentum is { } momentum ? PythonLiterals.Float(momentum) : "None", "0.1"),
                    ("affine", Bool(norm.Scale), "True"));

            case DropoutArguments dropout:
                return Call("nn.Dropout", new[] { PythonLiterals.Float(dropout.Rate) });

            case ZeroPad2dArguments pad:
                {
                    var p = pad.Padding;
                    return p.Top == p.Bottom && p.Bottom == p.Left && p.Left == p.Right
                        ? Call("nn.ZeroPad2d", new[] { Int(p.Top) })
                        : Call("nn.ZeroPad2d", new[] { PythonLiterals.Tuple(new[] { Int(p.Left), Int(p.Right), Int(p.Top), Int(p.Bottom) }) });
                }

            default:
                return null;
        }
    }

    /// <summary>
    /// The expression that applies <paramref name="layer"/> (held in <paramref name="field"/>, if any) to
    /// <paramref name="inputs"/>; <paramref name="skipActivation"/> leaves out a final activation (for forward_logits).
    /// </summary>
    public static string Apply(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation, PythonHelpers helpers)
    {
        var x = inputs.Count > 0 ? inputs[0] : "x";
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return WithActivation(field + "(" + x + ")", skipActivation ? null : dense.Activation, dense.FeatureAxis);

            case Conv2dArguments conv:
                {
                    var padded = conv.Padding.Amount switch
                    {
                        { IsSymmetric: true } => x,
                        { } amount => "F.pad(" + x + ", " + Pads(amount) + ")",
                        null => "F.pad(" + x + ", " + SamePadding(x, conv.Kernel, conv.Stride, conv.Dilation, helpers) + ")",
                    };
                    return WithActivation(field + "(" + padded + ")", skipActivation ? null : conv.Activation);
                }

            case Pool2dArguments pool:
                {
                    if (pool.Padding.Amount is { IsSymmetric: true } or { IsZero: true })
                    {
                        return field + "(" + x + ")";
                    }

                    var pads = pool.Padding.Amount is { } amount ? Pads(amount) : SamePadding(x, pool.Pool, pool.Stride, new Size2(1, 1), helpers);
                    if (layer.Kind == LayerKind.MaxPool2d)
                    {
                        // Padding with -inf leaves every maximum over real cells, which is what "same" means for max pooling.
                        return field + "(F.pad(" + x + ", " + pads + ", value=float(\"-inf\")))";
                    }

                    helpers.AveragePoolSame = true;
                    return "_average_pool_same(" + field + ", " + x + ", " + pads + ")";
                }

            case ActivationArguments activation:
                return skipActivation ? x : Activation(activation.Function, x);

            case ConcatArguments concat:
                return "torch.cat(" + PythonLiterals.Tuple(inputs) + ", dim=" + Int(concat.TensorDim) + ")";

            case ReshapeArguments reshape:
                return x + ".reshape(" + x + ".shape[0], " + string.Join(", ", reshape.Target.Dims.Select(d => d.IsConstant ? Int(d.Constant) : "-1")) + ")";

            case ZeroPad2dArguments:
            case DropoutArguments:
            case BatchNormArguments:
                return field + "(" + x + ")";

            default:
                return layer.Kind switch
                {
                    LayerKind.Add => string.Join(" + ", inputs),
                    LayerKind.GlobalAvgPool2d => x + ".mean(dim=(2, 3))",
                    LayerKind.GlobalMaxPool2d => x + ".amax(dim=(2, 3))",
                    _ => x + ".flatten(1)",
                };
        }
    }

    /// <summary>An activation applied to <paramref name="x"/>; softmax and log-softmax act on the feature/channel axis
    /// (dim 1), or on <paramref name="axis"/> (−1: the last axis, for a dense layer on <c>[steps, features]</c>).</summary>
    public static string Activation(ActivationSpec spec, string x, int axis = 1) => spec.Function switch
    {
        ActivationFunction.Relu => "F.relu(" + x + ")",
        ActivationFunction.Sigmoid => "torch.sigmoid(" + x + ")",
        ActivationFunction.Tanh => "torch.tanh(" + x + ")",
        ActivationFunction.Softmax => "F.softmax(" + x + ", dim=" + Int(axis) + ")",
        ActivationFunction.LogSoftmax => "F.log_softmax(" + x + ", dim=" + Int(axis) + ")",
        ActivationFunction.Gelu => "F.gelu(" + x + ")",
        ActivationFunction.Elu => "F.elu(" + x + ")",
        _ => "F.leaky_relu(" + x + ", " + PythonLiterals.Float(spec.Slope) + ")",
    };

    private static string WithActivation(string expression, ActivationSpec? activation, int axis = 1) =>
        activation is null ? expression : Activation(activation, expression, axis);

    private static string SamePadding(string x, Size2 kernel, Size2 stride, Size2 dilation, PythonHelpers helpers)
    {
        helpers.SamePadding = true;
        return "_same_padding(" + x + ", " + string.Join(", ", Size(kernel), Size(stride), Size(dilation)) + ")";
    }

    // F.pad's order for the last two axes: (left, right, top, bottom).
    private static string Pads(Padding4 amount) => PythonLiterals.Tuple(new[] { Int(amount.Left), Int(amount.Right), Int(amount.Top), Int(amount.Bottom) });

    private static string Size(Size2 size) => size.IsSquare ? Int(size.Height) : PythonLiterals.Tuple(new[] { Int(size.Height), Int(size.Width) });

    private static string Call(string factory, IEnumerable<string> positional, params (string Name, string Value, string? Default)[] named)
    {
        var arguments = positional.ToList();
        arguments.AddRange(named.Where(n => n.Value != n.Default).Select(n => n.Name + "=" + n.Value));
        return factory + "(" + string.Join(", ", arguments) + ")";
    }

    private static string Int(long value) => PythonLiterals.Int(value);

    private static string Bool(bool value) => PythonLiterals.Bool(value);
}
