using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// The ONNX dialect of a module's dataflow, the same on every backend: each class gets a method that adds its layers to
/// a <c>ModelDsl.Runtime.Onnx.OnnxGraph</c> (<c>ToOnnx</c> in nested classes, called with the weight-name prefix of the
/// instance), and the root class gets <c>ExportOnnx(path)</c>, which declares the inputs, walks the graph, names the
/// outputs and writes the file. Layer weights are looked up by their weight-file names, so the only backend-specific
/// part is <c>WeightTensors()</c>. Every layer of the catalog is exportable; a layer kind without a mapping becomes
/// a <c>NotSupportedException</c> naming the layer, so a file is never written half.
/// </summary>
internal static class OnnxGraphWriter
{
    public const string NestedMethod = "ToOnnx";
    private const string Graph = "global::ModelDsl.Runtime.Onnx.OnnxGraph";
    private const string Pads = "global::ModelDsl.Runtime.Onnx.Pads";
    private const string GraphParameter = "graph";
    private const string PathParameter = "path";

    /// <summary>Writes <c>ExportOnnx(path)</c> (root) or <c>ToOnnx(graph, path, input)</c> (nested) for <paramref name="definition"/>.</summary>
    public static void Write(CodeWriter writer, CheckedModel model, ModuleDefinition definition, Dictionary<string, string> fields, string[] reservedLocals, bool isRoot)
    {
        var parameterScope = new NameScope(reservedLocals.Concat(new[] { GraphParameter, PathParameter }).ToArray());
        parameterScope.Reserve(ForwardVariables.Current);
        var inputs = definition.Inputs.Select(i => (i.Name, Parameter: parameterScope.Claim(CSharpNames.ToCamelCase(i.Name)))).ToList();
        var outputs = definition.Outputs.Select(o => o.Name).ToList();
        var variables = ForwardVariables.Assign(inputs, definition.Steps.ToArray(), outputs, reservedLocals.Concat(new[] { GraphParameter, PathParameter }).ToArray());

        writer.BlankLine();
        if (isRoot)
        {
            writer.Line("/// <summary>");
            writer.Line($"/// Writes the model as an ONNX file (opset {OnnxOpset}) in inference mode — batch norm with its running statistics, no");
            writer.Line("/// dropout — with the current weights as initializers named as in the weight file. Inputs and outputs carry their");
            writer.Line("/// .model names (a single unnamed output is <c>output</c>); the batch axis <c>N</c> and symbolic sizes are dynamic.");
            writer.Line("/// </summary>");
            writer.Line("/// <param name=\"path\">The .onnx file to write; it is replaced atomically.</param>");
        }
        else
        {
            writer.Line("/// <summary>Adds this module's layers to an ONNX graph; <paramref name=\"path\"/> prefixes their weight names.</summary>");
        }

        var signature = isRoot
            ? $"public void {WeightMemberDocs.ExportOnnx}(string {PathParameter})"
            : $"internal string {NestedMethod}({Graph} {GraphParameter}, string {PathParameter}, string {inputs[0].Parameter})";
        using (writer.Block(signature))
        {
            if (isRoot)
            {
                writer.Line($"var {GraphParameter} = new {Graph}({CSharpLiterals.String(model.Name)}, {WeightMemberDocs.Tensors}());");
                foreach (var (value, parameter) in inputs)
                {
                    var shape = model.Inputs.First(i => i.Name == value).Shape;
                    writer.Line($"var {parameter} = {GraphParameter}.Input({CSharpLiterals.String(value)}, {Dims(shape)});");
                }
            }

            var steps = definition.Steps;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var target = variables.Local(step.Result);
                var arguments = step.Inputs.Select(variables.Local).ToList();
                string expression;
                switch (step.Kind)
                {
                    case StepKind.Alias:
                        expression = arguments[0];
                        break;
                    case StepKind.Module:
                        {
                            var module = (CheckedModule)definition.FindMember(step.Member!)!;
                            expression = $"{fields[module.Name]}.{NestedMethod}({GraphParameter}, {Prefix(module.Name, isRoot)} + \".\", {arguments[0]})";
                            break;
                        }

                    default:
                        expression = Layer((CheckedLayer)definition.FindMember(step.Member!)!, isRoot, arguments);
                        break;
                }

                var declare = variables.Declares(i, step) ? "var " : string.Empty;
                writer.Line($"{declare}{target} = {expression};");
            }

            if (isRoot)
            {
                foreach (var output in model.Outputs)
                {
                    writer.Line($"{GraphParameter}.Output({CSharpLiterals.String(output.Name ?? "output")}, {variables.Local(output.Value)}, {Dims(output.Shape)});");
                }

                writer.Line($"{GraphParameter}.Save({PathParameter});");
            }
            else
            {
                writer.Line($"return {variables.Local(definition.Outputs[0].Name)};");
            }
        }
    }

    private const long OnnxOpset = 17;

    // The layer's weight-name prefix: a literal in the root, the instance path plus the name in nested modules.
    private static string Prefix(string name, bool isRoot) =>
        isRoot ? CSharpLiterals.String(name) : $"{PathParameter} + {CSharpLiterals.String(name)}";

    private static string Layer(CheckedLayer layer, bool isRoot, IReadOnlyList<string> inputs)
    {
        var name = Prefix(layer.Name, isRoot);
        var x = inputs.Count > 0 ? inputs[0] : "x";
        var g = GraphParameter;
        switch (layer.Arguments)
        {
            case DenseArguments dense:
                return dense.InputRank == 1
                    ? WithActivation($"{g}.Dense({x}, {name}, bias: {CSharpLiterals.Bool(dense.Bias)})", layer.Name, isRoot, dense.Activation)
                    : WithActivation($"{g}.Dense({x}, {name}, bias: {CSharpLiterals.Bool(dense.Bias)}, exampleRank: {CSharpLiterals.Int(dense.InputRank)})", layer.Name, isRoot, dense.Activation, dense.FeatureAxis);

            case Conv2dArguments conv:
                return WithActivation(
                    $"{g}.Conv2d({x}, {name}, kernel: {Pair(conv.Kernel)}, strides: {Pair(conv.Stride)}, pads: {PadsOf(conv.Padding)}, dilations: {Pair(conv.Dilation)}, groups: {CSharpLiterals.Int(conv.Groups)}, bias: {CSharpLiterals.Bool(conv.Bias)})",
                    layer.Name,
                    isRoot,
                    conv.Activation);

            case Pool2dArguments pool when layer.Kind == LayerKind.MaxPool2d:
                return $"{g}.MaxPool2d({x}, {name}, kernel: {Pair(pool.Pool)}, strides: {Pair(pool.Stride)}, pads: {PadsOf(pool.Padding)})";

            case Pool2dArguments pool:
                // Keras' "same" averages real cells only; explicit padding counts the zeros (PyTorch), as both backends do.
                return $"{g}.AvgPool2d({x}, {name}, kernel: {Pair(pool.Pool)}, strides: {Pair(pool.Stride)}, pads: {PadsOf(pool.Padding)}, countIncludePad: {CSharpLiterals.Bool(pool.Padding.Mode != PaddingMode.Same)})";

            case BatchNormArguments norm:
                return norm.Affine
                    ? $"{g}.BatchNorm({x}, {name}, eps: {CSharpLiterals.Double(norm.Eps)})"
                    : $"{g}.BatchNorm({x}, {name}, eps: {CSharpLiterals.Double(norm.Eps)}, scale: {CSharpLiterals.Bool(norm.Scale)}, center: {CSharpLiterals.Bool(norm.Center)})";

            case ZeroPad2dArguments pad:
                return $"{g}.ZeroPad2d({x}, {name}, {Explicit(pad.Padding)})";

            case ActivationArguments activation:
                return Activation(x, name, activation.Function);

            case ConcatArguments concat:
                return $"{g}.Concat({name}, {CSharpLiterals.Int(concat.TensorDim)}, {string.Join(", ", inputs)})";

            case ReshapeArguments reshape:
                return $"{g}.Reshape({x}, {name}, {string.Join(", ", reshape.Target.Dims.Select(d => d.IsConstant ? CSharpLiterals.Long(d.Constant) : "-1"))})";

            default:
                return layer.Kind switch
                {
                    LayerKind.Add => $"{g}.Add({name}, {string.Join(", ", inputs)})",
                    LayerKind.GlobalAvgPool2d => $"{g}.GlobalAvgPool2d({x}, {name})",
                    LayerKind.GlobalMaxPool2d => $"{g}.GlobalMaxPool2d({x}, {name})",
                    LayerKind.Flatten => $"{g}.Flatten({x}, {name})",
                    LayerKind.Dropout => $"{g}.Dropout({x}, {name})",
                    _ => $"throw new global::System.NotSupportedException({CSharpLiterals.String($"the layer '{layer.Name}' ({layer.Type}) cannot be exported to ONNX")})",
                };
        }
    }

    // A fused activation (dense/conv2d activation:) is a node of its own, named after the layer.
    private static string WithActivation(string expression, string layer, bool isRoot, ActivationSpec? activation, int axis = 1) =>
        activation is null ? expression : Activation(expression, Prefix(layer + "/" + activation.SourceName, isRoot), activation, axis);

    private static string Activation(string x, string name, ActivationSpec spec, int axis = 1) =>
        spec.Function switch
        {
            ActivationFunction.LeakyRelu => $"{GraphParameter}.Activation({x}, {name}, {CSharpLiterals.String(spec.SourceName)}, slope: {CSharpLiterals.Double(spec.Slope)})",
            ActivationFunction.Softmax or ActivationFunction.LogSoftmax when axis != 1 => $"{GraphParameter}.Activation({x}, {name}, {CSharpLiterals.String(spec.SourceName)}, axis: {CSharpLiterals.Int(axis)})",
            _ => $"{GraphParameter}.Activation({x}, {name}, {CSharpLiterals.String(spec.SourceName)})",
        };

    // The example dimensions of an input or output: a size, a symbol's name, or null for a size computed from symbols
    // (typed, so a lone one is an element of the params array, not the array: flatten of [C, H, W] is [C*H*W]).
    private static string Dims(Shape shape) =>
        string.Join(", ", shape.Dims.Select(d => d.IsConstant
            ? CSharpLiterals.Long(d.Constant) + "L"
            : d.Symbols().Count == 1 && d.ToString() == d.Symbols()[0] ? CSharpLiterals.String(d.Symbols()[0]) : "(object?)null"));

    private static string PadsOf(Padding2d padding) => padding.Amount is { } amount ? Explicit(amount) : "null";

    private static string Explicit(Padding4 p) =>
        $"new {Pads}({CSharpLiterals.Int(p.Top)}, {CSharpLiterals.Int(p.Bottom)}, {CSharpLiterals.Int(p.Left)}, {CSharpLiterals.Int(p.Right)})";

    private static string Pair(Size2 size) => $"new long[] {{ {CSharpLiterals.Int(size.Height)}, {CSharpLiterals.Int(size.Width)} }}";
}
