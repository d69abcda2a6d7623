using ModelDsl.Compiler.Semantics;
using static ModelDsl.Compiler.Tests.Emit.CheckedModelBuilder;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>Checked models covering every language feature the emitter handles, as the semantic checker produces them.</summary>
internal static class SampleModels
{
    private static readonly ActivationSpec Relu = ActivationSpec.Of(ActivationFunction.Relu);
    private static readonly ActivationSpec Softmax = ActivationSpec.Of(ActivationFunction.Softmax);
    private static readonly ActivationSpec Sigmoid = ActivationSpec.Of(ActivationFunction.Sigmoid);

    /// <summary><c>model MnistDnn { input image: float[1, 28, 28]  flatten()  dense(512, activation: relu) ×2  dense(10, activation: softmax) }</c>.</summary>
    public static CheckedModel MnistDnn()
    {
        var root = new CheckedModelBuilder(ModuleKind.Model, "MnistDnn")
            .Input("image", S(1, 28, 28))
            .Layer("flatten_0", "flatten", LayerKind.Flatten, NoArguments.Instance, S(784), "x1", "image")
            .Layer("dense_0", "dense", LayerKind.Dense, new DenseArguments(784, 512, true, Relu), S(512), "x2", "x1")
            .Layer("dense_1", "dense", LayerKind.Dense, new DenseArguments(512, 512, true, Relu), S(512), "x3", "x2")
            .Layer("dense_2", "dense", LayerKind.Dense, new DenseArguments(512, 10, true, Softmax), S(10), "x4", "x3")
            .Output("x4")
            .Build();
        return Model("MnistDnn", root, new ModelOutput(null, "x4", S(10), Softmax));
    }

    /// <summary>A convnet with <c>same</c> padding (symmetric and asymmetric), batch norm, pooling, dropout and a trailing softmax layer.</summary>
    public static CheckedModel ConvNet()
    {
        var same1 = new Padding2d(PaddingMode.Same, new Padding4(1, 1, 1, 1));
        var sameOdd = new Padding2d(PaddingMode.Same, new Padding4(0, 1, 0, 1));
        var root = new CheckedModelBuilder(ModuleKind.Model, "ConvNet")
            .Input("image", S(3, 32, 32))
            .Layer("conv2d_0", "conv2d", LayerKind.Conv2d, new Conv2dArguments(3, 32, new Size2(3, 3), new Size2(1, 1), same1, new Size2(1, 1), 1, true, Relu), S(32, 32, 32), "x1", "image")
            .Layer("conv2d_1", "conv2d", LayerKind.Conv2d, new Conv2dArguments(32, 64, new Size2(3, 3), new Size2(2, 2), sameOdd, new Size2(1, 1), 1, false, null), S(64, 16, 16), "x2", "x1")
            .Layer("batchnorm_0", "batchnorm", LayerKind.BatchNorm, new BatchNormArguments(64, 0.01, 1e-3, 3), S(64, 16, 16), "x3", "x2")
            .Layer("relu_0", "relu", LayerKind.Activation, new ActivationArguments(Relu), S(64, 16, 16), "x4", "x3")
            .Layer("maxpool2d_0", "maxpool2d", LayerKind.MaxPool2d, new Pool2dArguments(new Size2(2, 2), new Size2(2, 2), Padding2d.Valid), S(64, 8, 8), "x5", "x4")
            .Layer("avgpool2d_0", "avgpool2d", LayerKind.AvgPool2d, new Pool2dArguments(new Size2(3, 3), new Size2(2, 2), sameOdd), S(64, 4, 4), "x6", "x5")
            .Layer("maxpool2d_1", "maxpool2d", LayerKind.MaxPool2d, new Pool2dArguments(new Size2(2, 2), new Size2(1, 1), sameOdd), S(64, 4, 4), "x7", "x6")
            .Layer("conv2d_2", "conv2d", LayerKind.Conv2d, new Conv2dArguments(64, 64, new Size2(1, 3), new Size2(1, 1), new Padding2d(PaddingMode.Explicit, new Padding4(0, 0, 1, 1)), new Size2(1, 1), 2, true, ActivationSpec.Of(ActivationFunction.LeakyRelu) with { Slope = 0.2 }), S(64, 4, 4), "x8", "x7")
            .Layer("zeropad2d_0", "zeropad2d", LayerKind.ZeroPad2d, new ZeroPad2dArguments(new Padding4(1, 1, 2, 2)), S(64, 6, 8), "x9", "x8")
            .Layer("dropout_0", "dropout", LayerKind.Dropout, new DropoutArguments(0.25), S(64, 6, 8), "x10", "x9")
            .Layer("global_avgpool2d_0", "global_avgpool2d", LayerKind.GlobalAvgPool2d, NoArguments.Instance, S(64), "x11", "x10")
            .Layer("dense_0", "dense", LayerKind.Dense, new DenseArguments(64, 10, true, null), S(10), "x12", "x11")
            .Layer("softmax_0", "softmax", LayerKind.Activation, new ActivationArguments(Softmax), S(10), "x13", "x12")
            .Output("x13")
            .Build();
        return Model("ConvNet", root, new ModelOutput(null, "x13", S(10), Softmax));
    }

    /// <summary>A convolutional base over <c>float[3, H, W]</c>: <c>same</c> padding with stride 2 on a symbolic size pads at run time.</summary>
    public static CheckedModel AnySize()
    {
        var h = Dim.Symbol("H");
        var w = Dim.Symbol("W");
        var half = Shape.Of(new[] { Dim.Of(16), h.CeilDiv(2), w.CeilDiv(2) });
        var quarter = Shape.Of(new[] { Dim.Of(16), h.CeilDiv(4), w.CeilDiv(4) });
        var same = new Padding2d(PaddingMode.Same, null);
        var root = new CheckedModelBuilder(ModuleKind.Model, "AnySize")
            .Input("image", Shape.Of(new[] { Dim.Of(3), h, w }))
            .Layer("conv2d_0", "conv2d", LayerKind.Conv2d, new Conv2dArguments(3, 16, new Size2(3, 3), new Size2(2, 2), same, new Size2(1, 1), 1, true, ActivationSpec.Of(ActivationFunction.Gelu)), half, "x1", "image")
            .Layer("maxpool2d_0", "maxpool2d", LayerKind.MaxPool2d, new Pool2dArguments(new Size2(2, 2), new Size2(2, 2), same), quarter, "x2", "x1")
            .Layer("avgpool2d_0", "avgpool2d", LayerKind.AvgPool2d, new Pool2dArguments(new Size2(3, 3), new Size2(1, 1), same), quarter, "x3", "x2")
            .Layer("global_maxpool2d_0", "global_maxpool2d", LayerKind.GlobalMaxPool2d, NoArguments.Instance, S(16), "x4", "x3")
            .Layer("dense_0", "dense", LayerKind.Dense, new DenseArguments(16, 1, true, Sigmoid), S(1), "x5", "x4")
            .Output("x5")
            .Build();
        return Model("AnySize", root, new ModelOutput(null, "x5", S(1), Sigmoid));
    }

    /// <summary>Two inputs merged with <c>concat</c>, <c>as</c> names (one a C# keyword), a <c>let</c> and <c>reshape</c>.</summary>
    public static CheckedModel TwoInputs()
    {
        var root = new CheckedModelBuilder(ModuleKind.Model, "TwoInputs")
            .Input("left", S(4))
            .Input("right", S(6))
            .Layer("concat_0", "concat", LayerKind.Concat, new ConcatArguments(0), S(10), "joined", "left", "right")
            .Layer("hidden", "dense", LayerKind.Dense, new DenseArguments(10, 8, false, ActivationSpec.Of(ActivationFunction.Tanh)), S(8), "x1", "joined")
            .Layer("class", "dense", LayerKind.Dense, new DenseArguments(8, 12, true, null), S(12), "x2", "x1")
            .Layer("reshape_0", "reshape", LayerKind.Reshape, new ReshapeArguments(S(3, 4)), S(3, 4), "x3", "x2")
            .Layer("log_softmax_0", "log_softmax", LayerKind.Activation, new ActivationArguments(ActivationSpec.Of(ActivationFunction.LogSoftmax)), S(3, 4), "x4", "x3")
            .Output("x4")
            .Build();
        return Model("TwoInputs", root);
    }

    /// <summary><c>model AgeAndGender</c> of LANGUAGE.md §3: a shared trunk (<c>let trunk = x</c>) and two named outputs.</summary>
    public static CheckedModel AgeAndGender()
    {
        var root = new CheckedModelBuilder(ModuleKind.Model, "AgeAndGender")
            .Input("measures", S(3))
            .Layer("dense_0", "dense", LayerKind.Dense, new DenseArguments(3, 10, true, Relu), S(10), "x1", "measures")
            .Layer("dense_1", "dense", LayerKind.Dense, new DenseArguments(10, 10, true, Relu), S(10), "x2", "x1")
            .Alias("trunk", "x2")
            .Layer("dense_2", "dense", LayerKind.Dense, new DenseArguments(10, 5, true, Softmax), S(5), "age", "trunk")
            .Layer("dense_3", "dense", LayerKind.Dense, new DenseArguments(10, 2, true, Softmax), S(2), "gender", "trunk")
            .Output("age")
            .Output("gender")
            .Build();
        return Model(
            "AgeAndGender",
            root,
            new ModelOutput("age", "age", S(5), Softmax),
            new ModelOutput("gender", "gender", S(2), Softmax));
    }

    /// <summary>A small ResNet: stem/learner/task sections, residual groups of projection and bottleneck blocks (repeat).</summary>
    public static CheckedModel MiniResNet()
    {
        var stem = new CheckedModelBuilder(ModuleKind.Section, "stem")
            .Input("input", S(3, 32, 32))
            .Layer("zeropad2d_0", "zeropad2d", LayerKind.ZeroPad2d, new ZeroPad2dArguments(new Padding4(3, 3, 3, 3)), S(3, 38, 38), "x1", "input")
            .Layer("conv2d_0", "conv2d", LayerKind.Conv2d, new Conv2dArguments(3, 16, new Size2(7, 7), new Size2(2, 2), Padding2d.Valid, new Size2(1, 1), 1, true, null), S(16, 16, 16), "x2", "x1")
            .Layer("batchnorm_0", "batchnorm", LayerKind.BatchNorm, new BatchNormArguments(16, 0.1, 1e-5, 3), S(16, 16, 16), "x3", "x2")
            .Layer("relu_0", "relu", LayerKind.Activation, new ActivationArguments(Relu), S(16, 16, 16), "x4", "x3")
            .Output("x4")
            .Build();

        var group16 = Group(16, 16, 16, 2, stride: 1);
        var group32 = Group(64, 32, 16, 2, stride: 2);
        var learner = new CheckedModelBuilder(ModuleKind.Section, "learner")
            .Input("input", S(16, 16, 16))
            .Module("residual_group_0", group16, "x1", "input")
            .Module("residual_group_1", group32, "x2", "x1")
            .Output("x2")
            .Build();

        var task = new CheckedModelBuilder(ModuleKind.Section, "task")
            .Input("input", S(128, 8, 8))
            .Layer("global_avgpool2d_0", "global_avgpool2d", LayerKind.GlobalAvgPool2d, NoArguments.Instance, S(128), "x1", "input")
            .Layer("dense_0", "dense", LayerKind.Dense, new DenseArguments(128, 10, true, Softmax), S(10), "x2", "x1")
            .Output("x2")
            .Build();

        var root = new CheckedModelBuilder(ModuleKind.Model, "MiniResNet")
            .Input("image", S(3, 32, 32))
            .Module("stem", stem, "x1", "image")
            .Module("learner", learner, "x2", "x1")
            .Module("task", task, "x3", "x2")
            .Output("x3")
            .Build();
        return Model("MiniResNet", root, new ModelOutput(null, "x3", S(10), Softmax));
    }

    // group residual_group(filters, blocks, stride = 2) { projection(filters, stride: stride)  repeat blocks - 1 { bottleneck(filters) } }
    private static ModuleDefinition Group(long inChannels, long filters, long size, long blocks, long stride)
    {
        var outSize = size / stride;
        var projection = Projection(inChannels, filters, size, stride);
        var builder = new CheckedModelBuilder(ModuleKind.Group, "residual_group", Int("filters", filters), Int("blocks", blocks), Int("stride", stride))
            .Input("input", S(inChannels, size, size))
            .Module("projection_0", projection, "x1", "input");
        var current = "x1";
        for (var i = 0; i < blocks - 1; i++)
        {
            var next = "x" + (i + 2);
            builder.Module("bottleneck_" + i, Bottleneck(filters, outSize), next, current);
            current = next;
        }

        return builder.Output(current).Build();
    }

    private static ModuleDefinition Projection(long inChannels, long filters, long size, long stride)
    {
        var outSize = size / stride;
        var same = new Padding2d(PaddingMode.Same, new Padding4(1, 1, 1, 1));
        return new CheckedModelBuilder(ModuleKind.Block, "projection", Int("filters", filters), Int("stride", stride))
            .Input("input", S(inChannels, size, size))
            .Layer("conv2d_0", "conv2d", LayerKind.Conv2d, Conv(inChannels, filters * 4, 1, stride, Padding2d.Valid), S(filters * 4, outSize, outSize), "x1", "input")
            .Layer("batchnorm_0", "batchnorm", LayerKind.BatchNorm, new BatchNormArguments((int)filters * 4, 0.1, 1e-5, 3), S(filters * 4, outSize, outSize), "shortcut", "x1")
            .Layer("conv2d_1", "conv2d", LayerKind.Conv2d, Conv(inChannels, filters, 1, stride, Padding2d.Valid), S(filters, outSize, outSize), "x2", "input")
            .Layer("batchnorm_1", "batchnorm", LayerKind.BatchNorm, new BatchNormArguments((int)filters, 0.1, 1e-5, 3), S(filters, outSize, outSize), "x3", "x2")
            .Layer("relu_0", "relu", LayerKind.Activation, new ActivationArguments(Relu), S(filters, outSize, outSize), "x4", "x3")
            .Layer("conv2d_2", "conv2d", LayerKind.Conv2d, Conv(filters, filters, 3, 1, same), S(filters, outSize, outSize), "x5", "x4")
            .Layer("conv2d_3", "conv2d", LayerKind.Conv2d, Conv(filters, filters * 4, 1, 1, Padding2d.Valid), S(filters * 4, outSize, outSize), "x6", "x5")
            .Layer("add_0", "add", LayerKind.Add, NoArguments.Instance, S(filters * 4, outSize, outSize), "x7", "x6", "shortcut")
            .Layer("relu_1", "relu", LayerKind.Activation, new ActivationArguments(Relu), S(filters * 4, outSize, outSize), "x8", "x7")
            .Output("x8")
            .Build();
    }

    private static ModuleDefinition Bottleneck(long filters, long size)
    {
        var same = new Padding2d(PaddingMode.Same, new Padding4(1, 1, 1, 1));
        var wide = S(filters * 4, size, size);
        return new CheckedModelBuilder(ModuleKind.Block, "bottleneck", Int("filters", filters))
            .Input("input", wide)
            .Alias("shortcut", "input")
            .Layer("conv2d_0", "conv2d", LayerKind.Conv2d, Conv(filters * 4, filters, 1, 1, Padding2d.Valid), S(filters, size, size), "x1", "input")
            .Layer("relu_0", "relu", LayerKind.Activation, new ActivationArguments(Relu), S(filters, size, size), "x2", "x1")
            .Layer("conv2d_1", "conv2d", LayerKind.Conv2d, Conv(filters, filters, 3, 1, same), S(filters, size, size), "x3", "x2")
            .Layer("conv2d_2", "conv2d", LayerKind.Conv2d, Conv(filters, filters * 4, 1, 1, Padding2d.Valid), wide, "x4", "x3")
            .Layer("batchnorm_0", "batchnorm", LayerKind.BatchNorm, new BatchNormArguments((int)filters * 4, 0.1, 1e-5, 3), wide, "x5", "x4")
            .Layer("add_0", "add", LayerKind.Add, NoArguments.Instance, wide, "x6", "x5", "shortcut")
            .Layer("relu_1", "relu", LayerKind.Activation, new ActivationArguments(Relu), wide, "x7", "x6")
            .Output("x7")
            .Build();
    }

    private static Conv2dArguments Conv(long inChannels, long filters, int kernel, long stride, Padding2d padding) =>
        new((int)inChannels, (int)filters, new Size2(kernel, kernel), new Size2((int)stride, (int)stride), padding, new Size2(1, 1), 1, true, null);
}
