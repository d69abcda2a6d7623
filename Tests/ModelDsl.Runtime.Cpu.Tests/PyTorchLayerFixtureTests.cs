using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>
/// Every layer, activation and loss against PyTorch 1.13: outputs, input gradients and weight gradients for a
/// fixed upstream gradient, within 1e-4 relative.
/// </summary>
public sealed class PyTorchLayerFixtureTests
{
    private const string File = "layers.json";

    public static TheoryData<string> Cases => Fixture.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        var c = Fixture.Case(File, name);
        var inputs = c.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value, requiresGrad: true));
        var weights = c.GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value, requiresGrad: true));
        var buffers = c.TryGetProperty("buffers_before", out var b)
            ? b.EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value))
            : [];
        var args = c.GetProperty("args");

        var output = Run(c, c.GetProperty("op").GetString()!, args, inputs, weights, buffers);
        Fixture.AssertClose(c.GetProperty("output"), output, "output");

        output.Backward(Fixture.Tensor(c.GetProperty("upstream")));
        foreach (var g in c.GetProperty("input_grads").EnumerateObject())
        {
            Fixture.AssertClose(g.Value, inputs[g.Name].Grad, "grad of input " + g.Name);
        }

        foreach (var g in c.GetProperty("weight_grads").EnumerateObject())
        {
            Fixture.AssertClose(g.Value, weights[g.Name].Grad, "grad of " + g.Name);
        }

        if (c.TryGetProperty("buffers_after", out var after))
        {
            foreach (var e in after.EnumerateObject())
            {
                Fixture.AssertClose(e.Value, buffers[e.Name], "buffer " + e.Name);
            }
        }
    }

    private static Tensor Run(
        JsonElement c, string op, JsonElement args, Dictionary<string, Tensor> x, Dictionary<string, Tensor> w, Dictionary<string, Tensor> buffers)
    {
        switch (op)
        {
            case "dense":
                return Functional.Linear(x["x"], w["weight"], w.GetValueOrDefault("bias"));
            case "conv2d":
            {
                var padding = Padding(args);
                var input = x["x"];
                var kernel = Pair(args, "kernel");
                var stride = Pair(args, "stride");
                var dilation = Pair(args, "dilation");
                AssertResolvedPadding(args, padding, input, kernel, stride, dilation);
                return Functional.Conv2d(input, w["weight"], w.GetValueOrDefault("bias"), stride, padding, dilation, args.GetProperty("groups").GetInt32());
            }

            case "maxpool2d":
            case "avgpool2d":
            {
                var padding = Padding(args);
                var kernel = Pair(args, "kernel");
                var stride = Pair(args, "stride");
                AssertResolvedPadding(args, padding, x["x"], kernel, stride, (1, 1));
                Module<Tensor, Tensor> layer = op == "maxpool2d"
                    ? new MaxPool2d(kernel, stride, padding)
                    : new AvgPool2d(kernel, stride, padding, args.GetProperty("count_include_pad").GetBoolean());
                return layer.Forward(x["x"]);
            }

            case "global_avgpool2d":
                return new GlobalAvgPool2d().Forward(x["x"]);
            case "global_maxpool2d":
                return new GlobalMaxPool2d().Forward(x["x"]);
            case "flatten":
                return new Flatten().Forward(x["x"]);
            case "reshape":
                return new Reshape(Fixture.Ints(args.GetProperty("dims"))).Forward(x["x"]);
            case "dropout_eval":
            {
                var dropout = new Dropout(args.GetProperty("rate").GetSingle());
                dropout.Eval();
                return dropout.Forward(x["x"]);
            }

            case "zeropad2d":
            {
                var p = Fixture.Ints(args.GetProperty("padding"));
                return new ZeroPad2d(new Padding2d(p[0], p[1], p[2], p[3])).Forward(x["x"]);
            }

            case "add":
                return Functional.Add(x["a"], x["b"], x["c"]);
            case "concat":
                return Functional.Concat(args.GetProperty("dim").GetInt32(), x["a"], x["b"]);
            case "batchnorm":
                return Functional.BatchNorm(
                    x["x"],
                    buffers["running_mean"],
                    buffers["running_var"],
                    w["weight"],
                    w["bias"],
                    args.GetProperty("training").GetBoolean(),
                    args.GetProperty("momentum").GetSingle(),
                    args.GetProperty("eps").GetSingle());
            case "activation":
            {
                var kind = args.GetProperty("activation").GetString() switch
                {
                    "relu" => ActivationKind.Relu,
                    "sigmoid" => ActivationKind.Sigmoid,
                    "tanh" => ActivationKind.Tanh,
                    "softmax" => ActivationKind.Softmax,
                    "log_softmax" => ActivationKind.LogSoftmax,
                    "gelu" => ActivationKind.Gelu,
                    "elu" => ActivationKind.Elu,
                    "leaky_relu" => ActivationKind.LeakyRelu,
                    var other => throw new InvalidOperationException("unknown activation " + other),
                };
                return new Activation(kind, args.GetProperty("slope").GetSingle()).Forward(x["x"]);
            }

            case "mse":
                return Functional.MseLoss(x["x"], Fixture.Tensor(c.GetProperty("targets")));
            case "mae":
                return Functional.MaeLoss(x["x"], Fixture.Tensor(c.GetProperty("targets")));
            case "bce":
                return Functional.BinaryCrossEntropy(x["x"], Fixture.Tensor(c.GetProperty("targets")));
            case "bce_logits":
                return Functional.BinaryCrossEntropyWithLogits(x["x"], Fixture.Tensor(c.GetProperty("targets")));
            case "cce_logits":
                return Functional.CrossEntropy(x["x"], Fixture.Tensor(c.GetProperty("targets")));
            case "sparse_cce_logits":
                return Functional.SparseCrossEntropy(x["x"], Fixture.Ints(c.GetProperty("int_inputs").GetProperty("labels")));
            case "nll":
                return Functional.NllLoss(x["x"], Fixture.Ints(c.GetProperty("int_inputs").GetProperty("labels")));
            default:
                throw new InvalidOperationException("fixture op without a test mapping: " + op);
        }
    }

    private static (int H, int W) Pair(JsonElement args, string name)
    {
        var v = Fixture.Ints(args.GetProperty(name));
        return (v[0], v[1]);
    }

    private static Padding2d Padding(JsonElement args)
    {
        if (args.GetProperty("same").GetBoolean())
        {
            return Padding2d.Same;
        }

        var p = Fixture.Ints(args.GetProperty("padding"));
        return new Padding2d(p[0], p[1], p[2], p[3]);
    }

    /// <summary>Same padding must resolve to exactly what the fixture script applied with F.pad.</summary>
    private static void AssertResolvedPadding(JsonElement args, Padding2d padding, Tensor input, (int, int) kernel, (int, int) stride, (int, int) dilation)
    {
        var p = Fixture.Ints(args.GetProperty("padding"));
        var resolved = padding.Resolve(input.Size(2), input.Size(3), kernel, stride, dilation);
        Assert.Equal(new Padding2d(p[0], p[1], p[2], p[3]), resolved);
    }
}
