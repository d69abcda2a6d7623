using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>
/// How each layer of the catalog is written against the Cpu engine: the module type and constructor call for layers
/// that hold a module, and the expression that applies the layer in <c>Forward</c>. The engine takes explicit
/// asymmetric padding (and resolves <c>same</c> at run time for symbolic sizes), so no layer needs a padding helper.
/// Modules with weights take the model's <c>generator</c>, so a seeded generator gives reproducible initial weights.
/// </summary>
internal static class CpuLayers
{
    public static string? ModuleType(CheckedLayer layer) => layer.Kind switch
    {
        LayerKind.Dense => CpuTypes.Modules + ".Linear",
        LayerKind.Conv2d => CpuTypes.Modules + ".Conv2d",
        LayerKind.MaxPool2d => CpuTypes.Modules + ".MaxPool2d",
        LayerKind.AvgPool2d => CpuTypes.Modules + ".AvgPool2d",
        LayerKind.GlobalAvgPool2d => CpuTypes.Modules + ".GlobalAvgPool2d",
        LayerKind.GlobalMaxPool2d => CpuTypes.Modules + ".GlobalMaxPool2d",
        LayerKind.Flatten => CpuTypes.Modules + ".Flatten",
        LayerKind.Dropout => CpuTypes.Modules + ".Dropout",
        LayerKind.BatchNorm => CpuTypes.Modules + ".BatchNorm",
        LayerKind.ZeroPad2d => CpuTypes.Modules + ".ZeroPad2d",
        _ => null,
    };

    public static string Factory(CheckedLayer layer, string generator)
    {
        var type = ModuleType(layer);
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return $"new {type}({Int(dense.InFeatures)}, {Int(dense.Units)}, bias: {Bool(dense.Bias)}, generator: {generator}{Initializers(dense.KernelInit, dense.BiasInit)})";

            case Conv2dArguments conv:
                {
                    var arguments = new List<string> { Int(conv.InChannels), Int(conv.Filters), Pair(conv.Kernel) };
                    if (!IsOne(conv.Stride))
                    {
                        arguments.Add("stride: " + Pair(conv.Stride));
                    }

                    if (Padding(conv.Padding) is { } padding)
                    {
                        arguments.Add("padding: " + padding);
                    }

                    if (!IsOne(conv.Dilation))
                    {
                        arguments.Add("dilation: " + Pair(conv.Dilation));
                    }

                    if (conv.Groups != 1)
                    {
                        arguments.Add("groups: " + Int(conv.Groups));
                    }

                    arguments.Add("bias: " + Bool(conv.Bias));
                    arguments.Add("generator: " + generator + Initializers(conv.KernelInit, conv.BiasInit));
                    return $"new {type}({string.Join(", ", arguments)})";
                }

            case Pool2dArguments pool:
                {
                    var arguments = new List<string> { Pair(pool.Pool) };
                    if (pool.Stride != pool.Pool)
                    {
                        arguments.Add("stride: " + Pair(pool.Stride));
                    }

                    if (Padding(pool.Padding) is { } padding)
                    {
                        arguments.Add("padding: " + padding);

                        // Keras averages over the real cells only with "same"; explicit padding counts zeros (PyTorch).
                        if (layer.Kind == LayerKind.AvgPool2d && pool.Padding.Mode == PaddingMode.Same)
                        {
                            arguments.Add("countIncludePad: false");
                        }
                    }

                    return $"new {type}({string.Join(", ", arguments)})";
                }

            case BatchNormArguments norm:
                {
                    // momentum: null is the cumulative average (PyTorch's momentum=None); scale/center drop γ/β (Keras).
                    var momentum = norm.Momentum is { } m ? Float(m) : "null";
                    var switches = (norm.Scale ? string.Empty : ", scale: false") + (norm.Center ? string.Empty : ", center: false");
                    return $"new {type}({Int(norm.Features)}, momentum: {momentum}, eps: {Float(norm.Eps)}{switches})";
                }

            case DropoutArguments dropout:
                return $"new {type}({Float(dropout.Rate)}, generator: {generator})";

            case ZeroPad2dArguments pad:
                return $"new {type}({Explicit(pad.Padding)})";

            default:
                return $"new {type}()";
        }
    }

    public static string Apply(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation)
    {
        var x = inputs.Count > 0 ? inputs[0] : "x";
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return WithActivation(field + ".Forward(" + x + ")", skipActivation ? null : dense.Activation, dense.FeatureAxis);

            case Conv2dArguments conv:
                return WithActivation(field + ".Forward(" + x + ")", skipActivation ? null : conv.Activation);

            case ActivationArguments activation:
                return skipActivation ? x : Activation(activation.Function, x);

            case ConcatArguments concat:
                return CpuTypes.Functional + ".Concat(" + Int(concat.TensorDim) + ", " + string.Join(", ", inputs) + ")";

            case ReshapeArguments reshape:
                {
                    // The batch axis is inferred (-1); the per-example sizes are constant (checked upstream).
                    var dims = new List<string> { "-1" };
                    dims.AddRange(reshape.Target.Dims.Select(d => d.IsConstant ? Int(d.Constant) : "-1"));
                    return CpuTypes.Functional + ".Reshape(" + x + ", " + string.Join(", ", dims) + ")";
                }

            default:
                return layer.Kind == LayerKind.Add
                    ? CpuTypes.Functional + ".Add(" + string.Join(", ", inputs) + ")"
                    : field + ".Forward(" + x + ")";
        }
    }

    /// <summary>An activation applied to <paramref name="x"/>; softmax and log-softmax act on the feature/channel axis
    /// (dimension 1), or on <paramref name="axis"/> (−1: the last axis, for a dense layer on <c>[steps, features]</c>).</summary>
    public static string Activation(ActivationSpec spec, string x, int axis = 1) => spec.Function switch
    {
        ActivationFunction.Relu => CpuTypes.Functional + ".Relu(" + x + ")",
        ActivationFunction.Sigmoid => CpuTypes.Functional + ".Sigmoid(" + x + ")",
        ActivationFunction.Tanh => CpuTypes.Functional + ".Tanh(" + x + ")",
        ActivationFunction.Softmax => CpuTypes.Functional + ".Softmax(" + x + Axis(axis) + ")",
        ActivationFunction.LogSoftmax => CpuTypes.Functional + ".LogSoftmax(" + x + Axis(axis) + ")",
        ActivationFunction.Gelu => CpuTypes.Functional + ".Gelu(" + x + ")",
        ActivationFunction.Elu => CpuTypes.Functional + ".Elu(" + x + ")",
        _ => CpuTypes.Functional + ".LeakyRelu(" + x + ", " + Float(spec.Slope) + ")",
    };

    // The initialiser arguments of Linear and Conv2d; absent ones keep PyTorch's default initialisation.
    private static string Initializers(InitializerSpec? kernel, InitializerSpec? bias) =>
        (kernel is null ? string.Empty : ", weightInit: " + Initializer(kernel)) + (bias is null ? string.Empty : ", biasInit: " + Initializer(bias));

    private static string Initializer(InitializerSpec spec)
    {
        var type = CpuTypes.Modules + ".Initializer";
        return spec.Kind switch
        {
            InitializerKind.Constant => $"{type}.Constant({Float(spec.Value)})",
            InitializerKind.Normal => $"{type}.Normal({Float(spec.Value)})",
            InitializerKind.Uniform => $"{type}.Uniform({Float(spec.Value)})",
            _ => type + "." + spec.Kind,
        };
    }

    private static string WithActivation(string expression, ActivationSpec? activation, int axis = 1) =>
        activation is null ? expression : Activation(activation, expression, axis);

    // The engine's softmax defaults to dimension 1; another axis is named.
    private static string Axis(int axis) => axis == 1 ? string.Empty : ", dim: " + Int(axis);

    // Null for no padding; the explicit amounts when known; the engine's run-time "same" for symbolic sizes.
    private static string? Padding(Padding2d padding) => padding.Amount switch
    {
        { IsZero: true } => null,
        { } amount => Explicit(amount),
        null => CpuTypes.Padding2d + ".Same",
    };

    private static string Explicit(Padding4 p) =>
        p.IsSymmetric
            ? (p.Top == p.Left ? $"{CpuTypes.Padding2d}.Symmetric({Int(p.Top)})" : $"{CpuTypes.Padding2d}.Symmetric({Int(p.Top)}, {Int(p.Left)})")
            : $"new {CpuTypes.Padding2d}({Int(p.Top)}, {Int(p.Bottom)}, {Int(p.Left)}, {Int(p.Right)})";

    private static bool IsOne(Size2 size) => size.Height == 1 && size.Width == 1;

    private static string Pair(Size2 size) => "(" + Int(size.Height) + ", " + Int(size.Width) + ")";

    private static string Int(long value) => CSharpLiterals.Long(value);

    private static string Float(double value) => CSharpLiterals.Float((float)value);

    private static string Bool(bool value) => CSharpLiterals.Bool(value);
}
