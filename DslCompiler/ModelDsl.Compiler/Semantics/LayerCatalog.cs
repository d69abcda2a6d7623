using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>The built-in layers of LANGUAGE.md §5, with their parameters in positional order.</summary>
internal static class LayerCatalog
{
    private static readonly Dictionary<string, LayerDefinition> Layers = Build().ToDictionary(l => l.Name);

    public static IEnumerable<string> Names => Layers.Keys;

    public static bool TryGet(string name, out LayerDefinition definition) => Layers.TryGetValue(name, out definition!);

    private static IEnumerable<LayerDefinition> Build()
    {
        var one = new IntValue(1);
        var yes = new BoolValue(true);
        var valid = new NameValue("valid");

        yield return Layer("dense", LayerKind.Dense,
            P("units", LayerParameterKind.Int, required: true),
            P("activation", LayerParameterKind.Activation),
            P("bias", LayerParameterKind.Bool, value: yes),
            P("kernel_initializer", LayerParameterKind.Initializer, named: true),
            P("bias_initializer", LayerParameterKind.Initializer, named: true));
        yield return Layer("conv2d", LayerKind.Conv2d,
            P("filters", LayerParameterKind.Int, required: true),
            P("kernel", LayerParameterKind.Size2, required: true),
            P("stride", LayerParameterKind.Size2, value: one),
            P("padding", LayerParameterKind.Padding, value: valid),
            P("dilation", LayerParameterKind.Size2, value: one),
            P("groups", LayerParameterKind.Int, value: one),
            P("bias", LayerParameterKind.Bool, value: yes),
            P("activation", LayerParameterKind.Activation),
            P("kernel_initializer", LayerParameterKind.Initializer, named: true),
            P("bias_initializer", LayerParameterKind.Initializer, named: true));
        foreach (var (name, kind) in new[] { ("maxpool2d", LayerKind.MaxPool2d), ("avgpool2d", LayerKind.AvgPool2d) })
        {
            yield return Layer(name, kind,
                P("pool", LayerParameterKind.Size2, value: new IntValue(2)),
                P("stride", LayerParameterKind.Size2),
                P("padding", LayerParameterKind.Padding, value: valid));
        }

        yield return Layer("global_avgpool2d", LayerKind.GlobalAvgPool2d);
        yield return Layer("global_maxpool2d", LayerKind.GlobalMaxPool2d);
        yield return Layer("flatten", LayerKind.Flatten);
        yield return Layer("dropout", LayerKind.Dropout, P("rate", LayerParameterKind.Float, required: true));
        yield return Layer("batchnorm", LayerKind.BatchNorm,
            P("momentum", LayerParameterKind.Float, value: new FloatValue(0.1)),
            P("eps", LayerParameterKind.Float, value: new FloatValue(1e-5)),
            P("affine", LayerParameterKind.Bool, value: yes, named: true),
            P("center", LayerParameterKind.Bool, value: yes, named: true),
            P("scale", LayerParameterKind.Bool, value: yes, named: true));
        yield return Layer("zeropad2d", LayerKind.ZeroPad2d, P("padding", LayerParameterKind.ZeroPadding, required: true));
        foreach (var name in new[] { "relu", "sigmoid", "tanh", "softmax", "log_softmax", "gelu", "elu" })
        {
            yield return Layer(name, LayerKind.Activation);
        }

        yield return Layer("leaky_relu", LayerKind.Activation, P("slope", LayerParameterKind.Float, value: new FloatValue(ActivationSpec.DefaultLeakySlope)));
        yield return Layer("activation", LayerKind.Activation, P("name", LayerParameterKind.Activation, required: true));
        yield return Layer("add", LayerKind.Add, P("tensors", LayerParameterKind.Tensors));
        yield return Layer("concat", LayerKind.Concat, P("tensors", LayerParameterKind.Tensors), P("axis", LayerParameterKind.Int, value: new IntValue(0)));
        yield return Layer("reshape", LayerKind.Reshape, P("dims", LayerParameterKind.Ints));
    }

    private static LayerDefinition Layer(string name, LayerKind kind, params LayerParameter[] parameters) => new(name, kind, parameters);

    private static LayerParameter P(string name, LayerParameterKind kind, bool required = false, ConstantValue? value = null, bool named = false) => new(name, kind, required, value, named);
}
