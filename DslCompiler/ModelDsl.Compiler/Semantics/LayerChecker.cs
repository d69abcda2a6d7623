using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Shape inference and parameter counting for every catalog layer, with the arithmetic of Keras and PyTorch
/// (channels-first). Sizes may be symbolic; a layer that needs a concrete size reports the symbols it depends on.
/// An input whose shape is already an error yields an error silently, so one mistake is reported once.
/// </summary>
internal static class LayerChecker
{
    public static LayerOutcome Check(
        LayerDefinition layer,
        LayerArgumentReader args,
        IReadOnlyList<ArgumentSyntax> variadic,
        IReadOnlyList<Shape?> inputs,
        SourceSpan span,
        DiagnosticBag diagnostics)
    {
        args.CheckRequired();
        try
        {
            return layer.Kind switch
            {
                LayerKind.Dense => Dense(args, inputs[0], span, diagnostics),
                LayerKind.Conv2d => Conv2d(args, inputs[0], span, diagnostics),
                LayerKind.MaxPool2d or LayerKind.AvgPool2d => Pool(layer.Name, args, inputs[0], span, diagnostics),
                LayerKind.GlobalAvgPool2d or LayerKind.GlobalMaxPool2d => GlobalPool(layer.Name, inputs[0], span, diagnostics),
                LayerKind.Flatten => Flatten(inputs[0]),
                LayerKind.Dropout => Dropout(args, inputs[0]),
                LayerKind.BatchNorm => BatchNorm(args, inputs[0], span, diagnostics),
                LayerKind.ZeroPad2d => ZeroPad(args, inputs[0], span, diagnostics),
                LayerKind.Activation => Activation(layer.Name, args, inputs[0]),
                LayerKind.Add => Add(inputs, span, diagnostics),
                LayerKind.Concat => Concat(args, inputs, span, diagnostics),
                _ => Reshape(args, variadic, inputs[0], span, diagnostics),
            };
        }
        catch (OverflowException)
        {
            diagnostics.Add(DiagnosticCatalog.SizeOverflowAt(span, layer.Name));
            return LayerOutcome.Failed;
        }
    }

    private static LayerOutcome Dense(LayerArgumentReader args, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var units = args.Int("units", 1);
        var activation = args.Activation("activation");
        var bias = args.Bool("bias");
        var kernelInit = args.Initializer("kernel_initializer", args.Defaults.KernelInit);
        var biasInit = args.Initializer("bias_initializer", args.Defaults.BiasInit);
        if (args.Failed || input is null)
        {
            return LayerOutcome.Failed;
        }

        // Dense acts on the last axis, as Keras' Dense does ([28, 28] -> [28, units]). Rank 3 is this language's image
        // layout [C, H, W], whose last axis is the width: almost always a forgotten flatten, so it stays an error.
        if (input.Rank == 3)
        {
            diagnostics.Add(DiagnosticCatalog.DenseRankAt(span, input.ToString()));
            return LayerOutcome.Failed;
        }

        var last = input.Rank - 1;
        if (!RequireConcrete("dense", "number of input features", input[last], span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        // The same weight [units, F] applies at every position of the leading axes, so the count does not depend on them.
        var features = input[last].Constant;
        var trainable = checked((features * units) + (bias ? units : 0));
        var dims = input.Dims.ToArray();
        dims[last] = Dim.Of(units);
        return new LayerOutcome(
            new DenseArguments(checked((int)features), (int)units, bias, activation, kernelInit, bias ? biasInit : null, input.Rank),
            Shape.Of(dims),
            new ParameterCount(trainable, 0));
    }

    private static LayerOutcome Conv2d(LayerArgumentReader args, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var filters = args.Int("filters", 1);
        var kernel = args.Size("kernel", 1);
        var stride = args.Size("stride", 1)!;
        var (mode, amount) = args.Padding("padding", allowWords: true);
        var dilation = args.Size("dilation", 1)!;
        var groups = (int)args.Int("groups", 1);
        var bias = args.Bool("bias");
        var activation = args.Activation("activation");
        var kernelInit = args.Initializer("kernel_initializer", args.Defaults.KernelInit);
        var biasInit = args.Initializer("bias_initializer", args.Defaults.BiasInit);
        if (args.Failed || input is null || kernel is null)
        {
            return LayerOutcome.Failed;
        }

        if (!RequireImage("conv2d", input, span, diagnostics) || !RequireConcrete("conv2d", "number of input channels", input[0], span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        var channels = input[0].Constant;
        if (channels % groups != 0)
        {
            diagnostics.Add(DiagnosticCatalog.GroupsNotDivisibleAt(span, "input channel count", channels, groups));
            return LayerOutcome.Failed;
        }

        if (filters % groups != 0)
        {
            diagnostics.Add(DiagnosticCatalog.GroupsNotDivisibleAt(span, "filters", filters, groups));
            return LayerOutcome.Failed;
        }

        var spatial = Spatial("conv2d", input, kernel, stride, dilation, mode, amount, span, diagnostics);
        if (spatial is null)
        {
            return LayerOutcome.Failed;
        }

        var (height, width, padding) = spatial.Value;
        var weights = checked(channels / groups * kernel.Height * kernel.Width * filters);
        return new LayerOutcome(
            new Conv2dArguments(checked((int)channels), (int)filters, kernel, stride, padding, dilation, groups, bias, activation, kernelInit, bias ? biasInit : null),
            new Shape(EquatableArray.Create(Dim.Of(filters), height, width)),
            new ParameterCount(checked(weights + (bias ? filters : 0)), 0));
    }

    private static LayerOutcome Pool(string name, LayerArgumentReader args, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var pool = args.Size("pool", 1)!;
        var stride = args.Size("stride", 1) ?? pool;
        var (mode, amount) = args.Padding("padding", allowWords: true);
        if (args.Failed || input is null)
        {
            return LayerOutcome.Failed;
        }

        if (!RequireImage(name, input, span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        var spatial = Spatial(name, input, pool, stride, new Size2(1, 1), mode, amount, span, diagnostics);
        if (spatial is null)
        {
            return LayerOutcome.Failed;
        }

        var (height, width, padding) = spatial.Value;
        return new LayerOutcome(
            new Pool2dArguments(pool, stride, padding),
            new Shape(EquatableArray.Create(input[0], height, width)),
            ParameterCount.Zero);
    }

    private static LayerOutcome GlobalPool(string name, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (input is null || !RequireImage(name, input, span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        return new LayerOutcome(NoArguments.Instance, new Shape(EquatableArray.Create(input[0])), ParameterCount.Zero);
    }

    private static LayerOutcome Flatten(Shape? input) =>
        input is null
            ? LayerOutcome.Failed
            : new LayerOutcome(NoArguments.Instance, new Shape(EquatableArray.Create(input.ElementCount)), ParameterCount.Zero);

    private static LayerOutcome Dropout(LayerArgumentReader args, Shape? input)
    {
        var rate = args.Float("rate", 0, 1, maxExclusive: true, "at least 0 and below 1");
        return args.Failed || input is null
            ? LayerOutcome.Failed
            : new LayerOutcome(new DropoutArguments(rate), input, ParameterCount.Zero);
    }

    private static LayerOutcome BatchNorm(LayerArgumentReader args, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var momentum = args.IsGiven("momentum") ? args.MomentumOrNone("momentum") : args.Defaults.BatchNormMomentum;
        var eps = args.IsGiven("eps") ? args.Float("eps", double.Epsilon, double.MaxValue, maxExclusive: false, "positive") : args.Defaults.BatchNormEps;
        var (scale, center) = args.AffineSwitches();
        if (args.Failed || input is null)
        {
            return LayerOutcome.Failed;
        }

        if (input.Rank != 1 && input.Rank != 3)
        {
            diagnostics.Add(DiagnosticCatalog.RankMismatchAt(span, "batchnorm", "[features] or [channels, height, width]", input.ToString()));
            return LayerOutcome.Failed;
        }

        if (!RequireConcrete("batchnorm", "number of features", input[0], span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        // As Keras and PyTorch count: γ and β are trainable where the layer has them, the running mean and variance
        // are not (PyTorch's num_batches_tracked counter is a buffer of neither count).
        var features = input[0].Constant;
        var affine = checked(((scale ? 1 : 0) + (center ? 1 : 0)) * features);
        return new LayerOutcome(
            new BatchNormArguments(checked((int)features), momentum, eps, input.Rank, scale, center),
            input,
            new ParameterCount(affine, checked(2 * features)));
    }

    private static LayerOutcome ZeroPad(LayerArgumentReader args, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var (_, amount) = args.Padding("padding", allowWords: false);
        if (args.Failed || input is null || amount is null)
        {
            return LayerOutcome.Failed;
        }

        if (!RequireImage("zeropad2d", input, span, diagnostics))
        {
            return LayerOutcome.Failed;
        }

        var shape = new Shape(EquatableArray.Create(
            input[0],
            input[1] + Dim.Of(amount.Top + (long)amount.Bottom),
            input[2] + Dim.Of(amount.Left + (long)amount.Right)));
        return new LayerOutcome(new ZeroPad2dArguments(amount), shape, ParameterCount.Zero);
    }

    private static LayerOutcome Activation(string name, LayerArgumentReader args, Shape? input)
    {
        ActivationSpec? spec;
        if (name == "activation")
        {
            spec = args.Activation("name");
        }
        else if (name == "leaky_relu")
        {
            spec = new ActivationSpec(ActivationFunction.LeakyRelu, args.Float("slope", double.MinValue, double.MaxValue, maxExclusive: false, "a number"));
        }
        else
        {
            ActivationNames.TryParse(name, out var function);
            spec = ActivationSpec.Of(function);
        }

        return args.Failed || input is null || spec is null
            ? LayerOutcome.Failed
            : new LayerOutcome(new ActivationArguments(spec), input, ParameterCount.Zero);
    }

    private static LayerOutcome Add(IReadOnlyList<Shape?> inputs, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (inputs.Any(s => s is null))
        {
            return LayerOutcome.Failed;
        }

        var first = inputs[0]!;
        if (inputs.Any(s => !s!.Equals(first)))
        {
            diagnostics.Add(DiagnosticCatalog.AddShapeMismatchAt(span, JoinShapes(inputs!)));
            return LayerOutcome.Failed;
        }

        return new LayerOutcome(NoArguments.Instance, first, ParameterCount.Zero);
    }

    private static LayerOutcome Concat(LayerArgumentReader args, IReadOnlyList<Shape?> inputs, SourceSpan span, DiagnosticBag diagnostics)
    {
        var axis = args.SignedInt("axis");
        if (args.Failed || inputs.Any(s => s is null))
        {
            return LayerOutcome.Failed;
        }

        var first = inputs[0]!;
        var rank = first.Rank;
        var resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank)
        {
            diagnostics.Add(DiagnosticCatalog.ConcatAxisOutOfRangeAt(span, (int)axis, rank));
            return LayerOutcome.Failed;
        }

        var compatible = inputs.All(s => s!.Rank == rank && Enumerable.Range(0, rank).All(i => i == resolved || s[i].Equals(first[i])));
        if (!compatible)
        {
            diagnostics.Add(DiagnosticCatalog.ConcatShapeMismatchAt(span, (int)axis, JoinShapes(inputs!)));
            return LayerOutcome.Failed;
        }

        var joined = inputs.Aggregate(Dim.Of(0), (sum, s) => sum + s![(int)resolved]);
        var dims = first.Dims.ToArray();
        dims[resolved] = joined;
        return new LayerOutcome(new ConcatArguments((int)resolved), Shape.Of(dims), ParameterCount.Zero);
    }

    private static LayerOutcome Reshape(LayerArgumentReader args, IReadOnlyList<ArgumentSyntax> variadic, Shape? input, SourceSpan span, DiagnosticBag diagnostics)
    {
        var dims = args.Ints(variadic);
        if (args.Failed || input is null)
        {
            return LayerOutcome.Failed;
        }

        var target = "[N, " + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
        if (dims.Count == 0 || dims.Count(d => d == -1) > 1 || dims.Any(d => d == 0 || d < -1))
        {
            diagnostics.Add(DiagnosticCatalog.InvalidArgumentValueAt(span, "reshape", "dims", target, "one or more positive sizes, at most one of them -1"));
            return LayerOutcome.Failed;
        }

        var count = input.ElementCount;
        var known = dims.Where(d => d != -1).Aggregate(1L, (p, d) => checked(p * d));
        if (dims.Contains(-1))
        {
            if (!RequireConcrete("reshape with -1", "number of elements", count, span, diagnostics))
            {
                return LayerOutcome.Failed;
            }

            if (count.Constant % known != 0)
            {
                diagnostics.Add(DiagnosticCatalog.ReshapeMismatchAt(span, input.ToString(), target));
                return LayerOutcome.Failed;
            }

            var inferred = count.Constant / known;
            dims = dims.Select(d => d == -1 ? inferred : d).ToList();
        }
        else if (!count.Equals(Dim.Of(known)))
        {
            diagnostics.Add(DiagnosticCatalog.ReshapeMismatchAt(span, input.ToString(), target));
            return LayerOutcome.Failed;
        }

        var shape = Shape.Of(dims.ToArray());
        return new LayerOutcome(new ReshapeArguments(shape), shape, ParameterCount.Zero);
    }

    /// <summary>Height and width after a sliding window, and the resolved padding.</summary>
    private static (Dim Height, Dim Width, Padding2d Padding)? Spatial(
        string layer,
        Shape input,
        Size2 kernel,
        Size2 stride,
        Size2 dilation,
        PaddingMode mode,
        Padding4? amount,
        SourceSpan span,
        DiagnosticBag diagnostics)
    {
        if (mode == PaddingMode.Same)
        {
            // Keras/TensorFlow "same": output = ceil(in / stride); the total padding that achieves it is split with
            // the odd extra at the bottom/right. A symbolic size with stride 1 pads by dilation * (kernel - 1).
            var height = input[1].CeilDiv(stride.Height);
            var width = input[2].CeilDiv(stride.Width);
            var (top, bottom) = SamePadding(input[1], kernel.Height, stride.Height, dilation.Height);
            var (left, right) = SamePadding(input[2], kernel.Width, stride.Width, dilation.Width);
            var resolved = top is null || left is null ? null : new Padding4(top.Value, bottom!.Value, left.Value, right!.Value);
            return (height, width, new Padding2d(PaddingMode.Same, resolved));
        }

        var pad = amount ?? Padding4.None;
        var h = WindowOutput(layer, "height", input[1], kernel.Height, stride.Height, dilation.Height, pad.Top, pad.Bottom, span, diagnostics);
        var w = WindowOutput(layer, "width", input[2], kernel.Width, stride.Width, dilation.Width, pad.Left, pad.Right, span, diagnostics);
        return h is null || w is null ? null : (h, w, new Padding2d(mode, pad));
    }

    private static (int? Before, int? After) SamePadding(Dim size, int kernel, int stride, int dilation)
    {
        var effective = checked((long)dilation * (kernel - 1));
        if (!size.IsConstant)
        {
            return stride == 1 ? ((int)(effective / 2), (int)(effective - (effective / 2))) : (null, null);
        }

        var output = size.CeilDiv(stride).Constant;
        var total = Math.Max(checked(((output - 1) * stride) + effective + 1 - size.Constant), 0);
        return ((int)(total / 2), (int)(total - (total / 2)));
    }

    /// <summary>floor((in + before + after − dilation·(k − 1) − 1) / stride) + 1, reporting a result below 1 with its arithmetic.</summary>
    private static Dim? WindowOutput(
        string layer, string axis, Dim size, int kernel, int stride, int dilation, int before, int after, SourceSpan span, DiagnosticBag diagnostics)
    {
        var numerator = size + Dim.Of(checked((long)before + after - ((long)dilation * (kernel - 1)) - 1));
        var result = numerator.FloorDiv(stride) + Dim.Of(1);
        if (result.IsConstant && result.Constant < 1)
        {
            var arithmetic = string.Format(
                CultureInfo.InvariantCulture,
                "floor(({0} + {1} + {2} - {3}*({4} - 1) - 1) / {5}) + 1 = {6}",
                size,
                before,
                after,
                dilation,
                kernel,
                stride,
                result.Constant);
            diagnostics.Add(DiagnosticCatalog.SpatialSizeTooSmallAt(span, layer, axis, arithmetic));
            return null;
        }

        return result;
    }

    private static bool RequireImage(string layer, Shape input, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (input.Rank == 3)
        {
            return true;
        }

        diagnostics.Add(DiagnosticCatalog.RankMismatchAt(span, layer, "an image [channels, height, width]", input.ToString()));
        return false;
    }

    private static bool RequireConcrete(string layer, string what, Dim size, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (size.IsConstant)
        {
            return true;
        }

        diagnostics.Add(DiagnosticCatalog.SymbolicSizeAt(span, layer, what, size.ToString(), string.Join(", ", size.Symbols())));
        return false;
    }

    private static string JoinShapes(IEnumerable<Shape> shapes)
    {
        var list = shapes.Select(s => s.ToString()).ToList();
        return list.Count <= 2 ? string.Join(" and ", list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
    }
}
