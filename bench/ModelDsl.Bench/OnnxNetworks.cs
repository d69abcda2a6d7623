using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Onnx;
using ModelDsl.Runtime.Weights;

namespace ModelDsl.Bench;

/// <summary>
/// The `infer` networks of <see cref="CpuNetworks"/> as ONNX graphs with the Cpu network's weights, built with the
/// <see cref="OnnxGraph"/> the generated <c>ExportOnnx</c> methods use, so ONNX Runtime runs exactly the model the
/// Cpu engine runs (the bench checks their outputs agree before timing).
/// </summary>
internal static class OnnxNetworks
{
    public static byte[] Export(string model, Module<Tensor, Tensor> network, int[] example)
    {
        var weights = network.NamedState()
            .Where(s => !WeightBinder.IsBatchCounter(s.Name))
            .Select(s => new WeightTensor(s.Name, s.Tensor.ShapeArray.Select(d => (long)d).ToArray(), s.Tensor.Data[..s.Tensor.Count].ToArray()));
        var graph = new OnnxGraph(model, weights);
        var x = graph.Input("input", example[0], example[1], example[2]);
        var (logits, classes) = model == "cnn" ? (Convnet(graph, x), 10L) : (ResNet18(graph, x), 1000L);
        graph.Output("logits", logits, classes);
        return graph.ToBytes();
    }

    private static readonly Pads NoPadding = new(0, 0, 0, 0);

    private static string Convnet(OnnxGraph g, string x)
    {
        x = Relu(g, Conv(g, x, "conv1", 3, 1, 0, bias: true), "relu1");
        x = g.MaxPool2d(x, "pool1", [2, 2], [2, 2], NoPadding);
        x = Relu(g, Conv(g, x, "conv2", 3, 1, 0, bias: true), "relu2");
        x = g.MaxPool2d(x, "pool2", [2, 2], [2, 2], NoPadding);
        x = Relu(g, Conv(g, x, "conv3", 3, 1, 0, bias: true), "relu3");
        x = g.Flatten(x, "flatten");
        x = Relu(g, g.Dense(x, "dense1", bias: true), "relu4");
        return g.Dense(x, "dense2", bias: true);
    }

    private static string ResNet18(OnnxGraph g, string x)
    {
        x = Relu(g, g.BatchNorm(Conv(g, x, "conv1", 7, 2, 3, bias: false), "bn1", 1e-5), "relu");
        x = g.MaxPool2d(x, "maxpool", [3, 3], [2, 2], new Pads(1, 1, 1, 1));
        (string Name, int Stride, bool Shortcut)[] blocks =
        [
            ("layer1_0", 1, false), ("layer1_1", 1, false), ("layer2_0", 2, true), ("layer2_1", 1, false),
            ("layer3_0", 2, true), ("layer3_1", 1, false), ("layer4_0", 2, true), ("layer4_1", 1, false),
        ];
        foreach (var (name, stride, shortcut) in blocks)
        {
            var y = Relu(g, g.BatchNorm(Conv(g, x, name + ".conv1", 3, stride, 1, bias: false), name + ".bn1", 1e-5), name + ".relu1");
            y = g.BatchNorm(Conv(g, y, name + ".conv2", 3, 1, 1, bias: false), name + ".bn2", 1e-5);
            var identity = shortcut ? g.BatchNorm(Conv(g, x, name + ".shortcut", 1, stride, 0, bias: false), name + ".shortcut_bn", 1e-5) : x;
            x = Relu(g, g.Add(name + ".add", y, identity), name + ".relu2");
        }

        x = g.Flatten(g.GlobalAvgPool2d(x, "avgpool"), "flatten");
        return g.Dense(x, "fc", bias: true);
    }

    private static string Conv(OnnxGraph g, string x, string layer, long kernel, long stride, long pad, bool bias) =>
        g.Conv2d(x, layer, [kernel, kernel], [stride, stride], new Pads(pad, pad, pad, pad), [1, 1], 1, bias);

    private static string Relu(OnnxGraph g, string x, string layer) => g.Activation(x, layer, "relu");
}
