using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelDsl.Runtime.Reporting;
using ModelDsl.Runtime.Weights;
using Proto = global::Onnx;

namespace ModelDsl.Runtime.Onnx;

/// <summary>
/// Builds the ONNX graph of a model in inference mode, one call per layer, and writes it as an ONNX model (opset
/// <see cref="Opset"/>, the <c>onnx.proto</c> of onnx/onnx serialised with Google.Protobuf). Generated
/// <c>ExportOnnx</c> methods call it (the same code on every backend); a layer's weights are the initializers named as
/// in the weight file (<c>stem.conv2d_0.weight</c>), taken from the tensors given to the constructor.
/// </summary>
/// <remarks>
/// Values are named after the layer that produces them. The batch axis is the symbolic dimension <c>N</c>; a symbolic
/// example size of the <c>.model</c> file (<c>float[3, H, W]</c>) keeps its name. Batch norm uses its running
/// statistics and dropout is left out (inference). Every method returns the name of the value it produced.
/// </remarks>
public sealed class OnnxGraph
{
    /// <summary>The default-domain opset the graph uses.</summary>
    public const long Opset = 17;

    /// <summary>The IR version that goes with opset 17 (ONNX 1.12).</summary>
    private const long IrVersion = 8;

    /// <summary>The name of the batch dimension.</summary>
    public const string BatchDimension = "N";

    private readonly Proto.GraphProto _graph = new();
    private readonly Dictionary<string, WeightTensor> _weights = new(StringComparer.Ordinal);
    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly string _modelName;

    /// <param name="modelName">The model's name (the graph's name).</param>
    /// <param name="weights">Every weight of the model by its name.</param>
    public OnnxGraph(string modelName, IEnumerable<WeightTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(weights);
        _modelName = modelName;
        _graph.Name = modelName;
        foreach (var weight in weights)
        {
            _weights[weight.Name] = weight;
        }
    }

    /// <summary>Declares a model input: batch first, then the example dimensions (a <c>long</c> or a symbol name).</summary>
    public string Input(string name, params object?[] exampleDims)
    {
        var value = Claim(name);
        _graph.Input.Add(ValueInfo(value, exampleDims));
        return value;
    }

    /// <summary>Declares a model output under <paramref name="name"/> (an identity node when the value has another name).</summary>
    public void Output(string name, string value, params object?[] exampleDims)
    {
        var output = value;
        if (value != name)
        {
            output = Claim(name);
            AddNode("Identity", name, new[] { value }, output);
        }

        _graph.Output.Add(ValueInfo(output, exampleDims));
    }

    /// <summary>
    /// <c>dense</c>: <c>Gemm(x, weight, bias, transB = 1)</c>, the PyTorch <c>[out, in]</c> weight as it is. On examples
    /// of rank <paramref name="exampleRank"/> above 1 (<c>[steps, features]</c>) it acts on the last axis:
    /// <c>MatMul(x, Transpose(weight)) + bias</c>, as Gemm takes matrices only.
    /// </summary>
    public string Dense(string x, string layer, bool bias, int exampleRank = 1)
    {
        if (exampleRank == 1)
        {
            var inputs = new List<string> { x, Weight(layer, "weight") };
            if (bias)
            {
                inputs.Add(Weight(layer, "bias"));
            }

            return AddNode("Gemm", layer, inputs, Claim(layer), Attribute("transB", 1));
        }

        var transposed = AddNode("Transpose", layer + "/weight_t", new[] { Weight(layer, "weight") }, Claim(layer + "/weight_t"), Attribute("perm", new long[] { 1, 0 }));
        if (!bias)
        {
            return AddNode("MatMul", layer, new[] { x, transposed }, Claim(layer));
        }

        var product = AddNode("MatMul", layer + "/matmul", new[] { x, transposed }, Claim(layer + "/matmul"));
        return AddNode("Add", layer, new[] { product, Weight(layer, "bias") }, Claim(layer));
    }

    /// <summary><c>conv2d</c>; <paramref name="pads"/> null means "same" resolved at run time (<c>SAME_UPPER</c>: the extra row/column at the bottom/right).</summary>
    public string Conv2d(string x, string layer, long[] kernel, long[] strides, Pads? pads, long[] dilations, long groups, bool bias)
    {
        var inputs = new List<string> { x, Weight(layer, "weight") };
        if (bias)
        {
            inputs.Add(Weight(layer, "bias"));
        }

        var attributes = new List<Proto.AttributeProto>
        {
            Attribute("kernel_shape", kernel),
            Attribute("strides", strides),
            Attribute("dilations", dilations),
            Attribute("group", groups),
        };
        attributes.Add(PadAttribute(pads));
        return AddNode("Conv", layer, inputs, Claim(layer), attributes.ToArray());
    }

    /// <summary><c>batchnorm</c> in inference mode: <c>(x - running_mean) / sqrt(running_var + eps) * weight + bias</c>.</summary>
    /// <param name="x">The input value.</param>
    /// <param name="layer">The layer's name (its weights' prefix).</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="scale">False for a layer without γ (ONNX needs one: ones).</param>
    /// <param name="center">False for a layer without β (ONNX needs one: zeros).</param>
    public string BatchNorm(string x, string layer, double eps, bool scale = true, bool center = true)
    {
        var channels = _weights.TryGetValue(layer + ".running_mean", out var mean) ? mean.Values.Length : 0;
        var gamma = scale ? Weight(layer, "weight") : Constant(layer + "/scale", Enumerable.Repeat(1f, channels).ToArray());
        var beta = center ? Weight(layer, "bias") : Constant(layer + "/bias", new float[channels]);
        return AddNode(
            "BatchNormalization",
            layer,
            new[] { x, gamma, beta, Weight(layer, "running_mean"), Weight(layer, "running_var") },
            Claim(layer),
            Attribute("epsilon", (float)eps));
    }

    /// <summary><c>maxpool2d</c> (padded cells never win: ONNX pads max pooling with −∞, as PyTorch).</summary>
    public string MaxPool2d(string x, string layer, long[] kernel, long[] strides, Pads? pads) =>
        AddNode("MaxPool", layer, new[] { x }, Claim(layer), Attribute("kernel_shape", kernel), Attribute("strides", strides), PadAttribute(pads));

    /// <summary><c>avgpool2d</c>; <paramref name="countIncludePad"/> false averages the real cells only (Keras' "same").</summary>
    public string AvgPool2d(string x, string layer, long[] kernel, long[] strides, Pads? pads, bool countIncludePad) =>
        AddNode("AveragePool", layer, new[] { x }, Claim(layer), Attribute("kernel_shape", kernel), Attribute("strides", strides), PadAttribute(pads), Attribute("count_include_pad", countIncludePad ? 1 : 0));

    /// <summary><c>global_avgpool2d</c>: <c>[N, C, H, W] → [N, C]</c>.</summary>
    public string GlobalAvgPool2d(string x, string layer) =>
        FlattenValue(AddNode("GlobalAveragePool", layer + "/pool", new[] { x }, Claim(layer + "/pool")), layer);

    /// <summary><c>global_maxpool2d</c>: <c>[N, C, H, W] → [N, C]</c>.</summary>
    public string GlobalMaxPool2d(string x, string layer) =>
        FlattenValue(AddNode("GlobalMaxPool", layer + "/pool", new[] { x }, Claim(layer + "/pool")), layer);

    /// <summary><c>flatten</c>: every example axis into one.</summary>
    public string Flatten(string x, string layer) => FlattenValue(x, layer);

    /// <summary><c>dropout</c>: nothing in inference mode.</summary>
    public string Dropout(string x, string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return x;
    }

    /// <summary><c>zeropad2d</c>: zero rows/columns around the two spatial axes.</summary>
    public string ZeroPad2d(string x, string layer, Pads pads)
    {
        var amounts = Constant(layer + "/pads", new long[] { 0, 0, pads.Top, pads.Left, 0, 0, pads.Bottom, pads.Right });
        return AddNode("Pad", layer, new[] { x, amounts }, Claim(layer));
    }

    /// <summary>An activation by its <c>.model</c> name (<c>relu</c>, <c>softmax</c>, <c>leaky_relu</c> with <paramref name="slope"/>, …); softmax and log-softmax act on <paramref name="axis"/>.</summary>
    /// <param name="x">The input value.</param>
    /// <param name="layer">The node's name.</param>
    /// <param name="function">The activation's name in the <c>.model</c> language.</param>
    /// <param name="slope">leaky_relu's negative slope.</param>
    /// <param name="axis">The axis softmax and log_softmax normalise: 1 (features, channels) or −1 (the last, after a dense layer on <c>[steps, features]</c>).</param>
    public string Activation(string x, string layer, string function, double slope = 0.01, long axis = 1)
    {
        var output = Claim(layer);
        return function switch
        {
            "relu" => AddNode("Relu", layer, new[] { x }, output),
            "sigmoid" => AddNode("Sigmoid", layer, new[] { x }, output),
            "tanh" => AddNode("Tanh", layer, new[] { x }, output),
            "softmax" => AddNode("Softmax", layer, new[] { x }, output, Attribute("axis", axis)),
            "log_softmax" => AddNode("LogSoftmax", layer, new[] { x }, output, Attribute("axis", axis)),
            "elu" => AddNode("Elu", layer, new[] { x }, output, Attribute("alpha", 1f)),
            "leaky_relu" => AddNode("LeakyRelu", layer, new[] { x }, output, Attribute("alpha", (float)slope)),
            "gelu" => Gelu(x, layer, output),
            _ => throw new NotSupportedException($"{_modelName}: the activation '{function}' of '{layer}' cannot be exported to ONNX"),
        };
    }

    /// <summary><c>add</c>: the element-wise sum of every input.</summary>
    public string Add(string layer, params string[] inputs)
    {
        var sum = inputs[0];
        for (var i = 1; i < inputs.Length; i++)
        {
            var name = i == inputs.Length - 1 ? layer : layer + "/" + i;
            sum = AddNode("Add", name, new[] { sum, inputs[i] }, Claim(name));
        }

        return sum;
    }

    /// <summary><c>concat</c> along tensor axis <paramref name="axis"/> (the batch axis is 0).</summary>
    public string Concat(string layer, long axis, params string[] inputs) =>
        AddNode("Concat", layer, inputs, Claim(layer), Attribute("axis", axis));

    /// <summary><c>reshape</c> of every example to <paramref name="exampleDims"/> (the batch size is kept; -1 for a size known at run time).</summary>
    public string Reshape(string x, string layer, params long[] exampleDims)
    {
        // 0 keeps the batch size of the input; a symbolic example size is -1 (inferred).
        var shape = Constant(layer + "/shape", new long[] { 0 }.Concat(exampleDims).ToArray());
        return AddNode("Reshape", layer, new[] { x, shape }, Claim(layer));
    }

    /// <summary>The serialised model.</summary>
    public byte[] ToBytes()
    {
        var model = new Proto.ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ModelDsl",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = _graph,
            DocString = $"The {_modelName} model, exported by ModelDsl in inference mode.",
        };
        model.OpsetImport.Add(new Proto.OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model.ToByteArray();
    }

    /// <summary>Writes the model to <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        var bytes = ToBytes();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private string Gelu(string x, string layer, string output)
    {
        // Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x / √2)): opset 17 has no Gelu operator.
        var sqrt2 = Constant(layer + "/sqrt2", MathF.Sqrt(2f));
        var one = Constant(layer + "/one", 1f);
        var half = Constant(layer + "/half", 0.5f);
        var scaled = AddNode("Div", layer + "/div", new[] { x, sqrt2 }, Claim(layer + "/div"));
        var erf = AddNode("Erf", layer + "/erf", new[] { scaled }, Claim(layer + "/erf"));
        var plus = AddNode("Add", layer + "/add", new[] { erf, one }, Claim(layer + "/add"));
        var times = AddNode("Mul", layer + "/mul", new[] { x, plus }, Claim(layer + "/mul"));
        return AddNode("Mul", layer, new[] { times, half }, output);
    }

    private string FlattenValue(string x, string layer) =>
        AddNode("Flatten", layer, new[] { x }, Claim(layer), Attribute("axis", 1));

    private string AddNode(string op, string name, IEnumerable<string> inputs, string output, params Proto.AttributeProto[] attributes)
    {
        var node = new Proto.NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    // A layer's weight as an initializer named as in the weight file (added once, however often it is used).
    private string Weight(string layer, string tensor)
    {
        var name = layer + "." + tensor;
        if (!_weights.TryGetValue(name, out var weight))
        {
            throw new InvalidOperationException($"{_modelName}: the weights given to the ONNX export have no '{name}'");
        }

        if (_initializers.Add(name))
        {
            _names.Add(name);
            var proto = new Proto.TensorProto { Name = name, DataType = (int)Proto.TensorProto.Types.DataType.Float };
            proto.Dims.AddRange(weight.Shape);
            proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(weight.Values.AsSpan()));
            _graph.Initializer.Add(proto);
        }

        return name;
    }

    private string Constant(string name, long[] values)
    {
        var value = Claim(name);
        var proto = new Proto.TensorProto { Name = value, DataType = (int)Proto.TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        _graph.Initializer.Add(proto);
        return value;
    }

    private string Constant(string name, float[] values)
    {
        var value = Claim(name);
        var proto = new Proto.TensorProto { Name = value, DataType = (int)Proto.TensorProto.Types.DataType.Float };
        proto.Dims.Add(values.Length);
        proto.FloatData.AddRange(values);
        _graph.Initializer.Add(proto);
        return value;
    }

    private string Constant(string name, float scalar)
    {
        var value = Claim(name);
        var proto = new Proto.TensorProto { Name = value, DataType = (int)Proto.TensorProto.Types.DataType.Float };
        proto.FloatData.Add(scalar);
        _graph.Initializer.Add(proto);
        return value;
    }

    private string Claim(string name)
    {
        var candidate = name;
        for (var i = 1; !_names.Add(candidate); i++)
        {
            candidate = name + "_" + i;
        }

        return candidate;
    }

    private static Proto.ValueInfoProto ValueInfo(string name, object?[] exampleDims)
    {
        var shape = new Proto.TensorShapeProto();
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var dim in exampleDims)
        {
            shape.Dim.Add(dim switch
            {
                long size => new Proto.TensorShapeProto.Types.Dimension { DimValue = size },
                int size => new Proto.TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new Proto.TensorShapeProto.Types.Dimension { DimParam = symbol },

                // A size computed from symbols (ceil(H / 2)): known only at run time, left unnamed.
                _ => new Proto.TensorShapeProto.Types.Dimension(),
            });
        }

        return new Proto.ValueInfoProto
        {
            Name = name,
            Type = new Proto.TypeProto
            {
                TensorType = new Proto.TypeProto.Types.Tensor { ElemType = (int)Proto.TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }

    private static Proto.AttributeProto PadAttribute(Pads? pads) => pads is { } p
        ? Attribute("pads", new long[] { p.Top, p.Left, p.Bottom, p.Right })
        : new Proto.AttributeProto { Name = "auto_pad", Type = Proto.AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("SAME_UPPER") };

    private static Proto.AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Int, I = value };

    private static Proto.AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Float, F = value };

    private static Proto.AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new Proto.AttributeProto { Name = name, Type = Proto.AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
