using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Cpu;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>Finite-difference gradient checks for every operation and loss (inputs and weights).</summary>
public sealed class GradientCheckTests
{
    public static TheoryData<string> Cases => [.. Build().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Autograd_matches_finite_differences(string name)
    {
        var (forward, leaves) = Build()[name]();
        GradCheck.Check(forward, leaves);
    }

    private static Dictionary<string, Func<(Func<Tensor> Forward, Tensor[] Leaves)>> Build()
    {
        var cases = new Dictionary<string, Func<(Func<Tensor>, Tensor[])>>();

        void Unary(string name, Func<Tensor> make, Func<Tensor, Tensor> op) => cases[name] = () =>
        {
            var x = make();
            return (() => op(x), [x]);
        };

        cases["dense"] = () =>
        {
            var x = TestData.Random(1, 3, 4);
            var w = TestData.Random(2, 5, 4);
            var b = TestData.Random(3, 5);
            return (() => Functional.Linear(x, w, b), [x, w, b]);
        };
        cases["dense_nobias_rank3"] = () =>
        {
            var x = TestData.Random(1, 2, 2, 3);
            var w = TestData.Random(2, 4, 3);
            return (() => Functional.Linear(x, w), [x, w]);
        };

        void Conv(string name, int c, int h, int w, int o, (int, int) k, (int, int) s, Padding2d p, (int, int) d, int groups, bool bias)
        {
            cases[name] = () =>
            {
                var x = TestData.Random(10, 2, c, h, w);
                var weight = TestData.Random(11, o, c / groups, k.Item1, k.Item2);
                var b = bias ? TestData.Random(12, o) : null;
                Tensor[] leaves = b is null ? [x, weight] : [x, weight, b];
                return (() => Functional.Conv2d(x, weight, b, s, p, d, groups), leaves);
            };
        }

        Conv("conv2d_k3_pad1", 2, 5, 4, 3, (3, 3), (1, 1), Padding2d.Symmetric(1), (1, 1), 1, true);
        Conv("conv2d_stride2_dilation2", 2, 7, 7, 2, (3, 3), (2, 2), Padding2d.Symmetric(1), (2, 2), 1, false);
        Conv("conv2d_groups", 4, 4, 4, 2, (3, 3), (1, 1), Padding2d.Symmetric(1), (1, 1), 2, true);
        Conv("conv2d_same_asymmetric", 2, 6, 5, 3, (3, 2), (2, 2), Padding2d.Same, (1, 1), 1, true);
        Conv("conv2d_pointwise", 3, 3, 3, 2, (1, 1), (1, 1), Padding2d.Valid, (1, 1), 1, true);

        cases["conv2d_frozen_weight"] = () =>
        {
            var x = TestData.Random(13, 1, 2, 4, 4);
            var weight = TestData.Random(14, 3, 2, 3, 3);
            weight.RequiresGrad = false;
            var b = TestData.Random(15, 3);
            return (() => Functional.Conv2d(x, weight, b, (1, 1), Padding2d.Valid, (1, 1)), [x, b]);
        };

        Unary("maxpool_k2", () => TestData.Distinct(20, 2, 2, 4, 4), x => Functional.MaxPool2d(x, (2, 2)));
        Unary("maxpool_k3_s2_pad1", () => TestData.Distinct(21, 1, 2, 5, 6), x => Functional.MaxPool2d(x, (3, 3), (2, 2), Padding2d.Symmetric(1)));
        Unary("maxpool_same", () => TestData.Distinct(22, 1, 2, 5, 5), x => Functional.MaxPool2d(x, (2, 2), (2, 2), Padding2d.Same));
        Unary("avgpool_k2", () => TestData.Random(23, 2, 2, 4, 4), x => Functional.AvgPool2d(x, (2, 2)));
        Unary("avgpool_pad_include", () => TestData.Random(24, 1, 2, 5, 5), x => Functional.AvgPool2d(x, (3, 3), (1, 1), Padding2d.Symmetric(1)));
        Unary("avgpool_same_exclude", () => TestData.Random(25, 1, 2, 5, 7), x => Functional.AvgPool2d(x, (2, 3), (2, 2), Padding2d.Same, countIncludePad: false));
        Unary("global_avgpool", () => TestData.Random(26, 2, 3, 3, 2), Functional.GlobalAvgPool2d);
        Unary("global_maxpool", () => TestData.Distinct(27, 2, 3, 3, 2), Functional.GlobalMaxPool2d);
        Unary("flatten", () => TestData.Random(28, 2, 3, 2, 2), Functional.Flatten);
        Unary("reshape", () => TestData.Random(29, 2, 6), x => Functional.Reshape(x, 2, 3, -1));
        Unary("zeropad2d", () => TestData.Random(30, 1, 2, 3, 3), x => Functional.ZeroPad2d(x, new Padding2d(1, 0, 2, 1)));
        Unary("dropout_train", () => TestData.Random(31, 4, 5), x => Functional.Dropout(x, 0.4f, training: true, new Generator(5)));
        Unary("multiply_scalar", () => TestData.Random(32, 3, 3), x => Functional.Multiply(x, -1.5f));
        Unary("sum", () => TestData.Random(33, 3, 3), Functional.Sum);
        Unary("mean", () => TestData.Random(34, 3, 3), Functional.Mean);

        cases["add3"] = () =>
        {
            var a = TestData.Random(40, 2, 3);
            var b = TestData.Random(41, 2, 3);
            var c = TestData.Random(42, 2, 3);
            return (() => Functional.Add(a, b, c), [a, b, c]);
        };
        cases["add_same_tensor_twice"] = () =>
        {
            var a = TestData.Random(43, 2, 3);
            return (() => Functional.Add(Functional.Tanh(a), a), [a]);
        };
        cases["subtract_multiply"] = () =>
        {
            var a = TestData.Random(44, 2, 3);
            var b = TestData.Random(45, 2, 3);
            return (() => Functional.Multiply(Functional.Subtract(a, b), b), [a, b]);
        };
        cases["concat_dim1"] = () =>
        {
            var a = TestData.Random(46, 2, 2, 2, 2);
            var b = TestData.Random(47, 2, 1, 2, 2);
            return (() => Functional.Concat(1, a, b), [a, b]);
        };

        void BatchNorm(string name, int[] shape, bool training)
        {
            cases[name] = () =>
            {
                var x = TestData.Random(50, shape);
                var c = shape[1];
                var w = TestData.Uniform(51, 0.5f, 1.5f, c);
                var b = TestData.Random(52, c);
                var mean = Tensor.Zeros(c);
                var variance = Tensor.Full(1.3f, c);
                return (() => Functional.BatchNorm(x, mean, variance, w, b, training, 0.1f, 1e-5f), [x, w, b]);
            };
        }

        BatchNorm("batchnorm1d_train", [5, 3], true);
        BatchNorm("batchnorm2d_train", [3, 2, 2, 3], true);
        BatchNorm("batchnorm2d_eval", [2, 2, 2, 2], false);

        foreach (var kind in Enum.GetValues<ActivationKind>())
        {
            var k = kind;
            Unary("activation_" + kind, () => TestData.Distinct(60 + (int)kind, 2, 3, 2, 2), x => Functional.Activation(x, k, 0.2f));
        }

        cases["loss_mse"] = () =>
        {
            var x = TestData.Random(70, 3, 4);
            var t = Tensor.Normal(new Generator(71), 3, 4);
            return (() => Functional.MseLoss(x, t), [x]);
        };
        cases["loss_mae"] = () =>
        {
            var x = TestData.Distinct(72, 3, 4);
            var t = Tensor.Zeros(3, 4);
            return (() => Functional.MaeLoss(x, t), [x]);
        };
        cases["loss_bce"] = () =>
        {
            var x = TestData.Uniform(73, 0.1f, 0.9f, 3, 2);
            var t = Tensor.FromArray([1, 0, 0, 1, 1, 0.3f], 3, 2);
            return (() => Functional.BinaryCrossEntropy(x, t), [x]);
        };
        cases["loss_bce_logits"] = () =>
        {
            var x = TestData.Random(74, 3, 2);
            var t = Tensor.FromArray([1, 0, 0, 1, 1, 0.3f], 3, 2);
            return (() => Functional.BinaryCrossEntropyWithLogits(x, t), [x]);
        };
        cases["loss_cce_logits"] = () =>
        {
            var x = TestData.Random(75, 3, 4);
            var t = Tensor.FromArray([0, 1, 0, 0, 0.5f, 0, 0, 0.5f, 0, 0, 0, 1], 3, 4);
            return (() => Functional.CrossEntropy(x, t), [x]);
        };
        cases["loss_sparse_cce_logits"] = () =>
        {
            var x = TestData.Random(76, 3, 4);
            return (() => Functional.SparseCrossEntropy(x, [2, 0, 3]), [x]);
        };
        cases["loss_nll_of_log_softmax"] = () =>
        {
            var x = TestData.Random(77, 3, 4);
            return (() => Functional.NllLoss(Functional.LogSoftmax(x), [1, 1, 3]), [x]);
        };
        cases["loss_cce_probabilities"] = () =>
        {
            var x = TestData.Random(78, 3, 4);
            var t = Tensor.FromArray([0, 1, 0, 0, 0.5f, 0, 0, 0.5f, 0, 0, 0, 1], 3, 4);
            return (() => Functional.CrossEntropyFromProbabilities(Functional.Softmax(x), t), [x]);
        };
        cases["loss_sparse_cce_probabilities"] = () =>
        {
            var x = TestData.Random(79, 3, 4);
            return (() => Functional.SparseCrossEntropyFromProbabilities(Functional.Softmax(x), [3, 1, 0]), [x]);
        };
        cases["mlp_chain"] = () =>
        {
            var x = TestData.Random(80, 4, 3);
            var w1 = TestData.Random(81, 5, 3);
            var w2 = TestData.Random(82, 2, 5);
            return (() => Functional.SparseCrossEntropy(Functional.Linear(Functional.Gelu(Functional.Linear(x, w1)), w2), [0, 1, 1, 0]), [x, w1, w2]);
        };
        cases["conv_bn_relu_pool_chain"] = () =>
        {
            var x = TestData.Random(83, 2, 2, 5, 5);
            var w = TestData.Random(84, 3, 2, 3, 3);
            var g = TestData.Uniform(85, 0.5f, 1.5f, 3);
            var b = TestData.Random(86, 3);
            var mean = Tensor.Zeros(3);
            var variance = Tensor.Ones(3);
            return (() => Functional.GlobalAvgPool2d(Functional.Elu(Functional.BatchNorm(
                Functional.Conv2d(x, w, null, (1, 1), Padding2d.Same, (1, 1)), mean, variance, g, b, training: true))), [x, w, g, b]);
        };
        cases["residual_chain_intermediate_used_twice"] = () =>
        {
            // h is an intermediate with several consumers: the first gradient into it is assigned into an uncleared
            // buffer, the later ones add to it (GradNode.GradientToWrite); h + h adds one tensor twice.
            var x = TestData.Random(87, 2, 2, 6, 6);
            var w1 = TestData.Random(88, 3, 2, 3, 3);
            var w2 = TestData.Random(89, 3, 3, 3, 3);
            var g = TestData.Uniform(90, 0.5f, 1.5f, 3);
            var b = TestData.Random(91, 3);
            var mean = Tensor.Zeros(3);
            var variance = Tensor.Ones(3);
            var wd = TestData.Random(92, 4, 3);
            return (() =>
            {
                var h = Functional.Conv2d(x, w1, null, (1, 1), Padding2d.Same, (1, 1));
                var r = Functional.Relu(Functional.BatchNorm(Functional.Conv2d(h, w2, null, (1, 1), Padding2d.Same, (1, 1)), mean, variance, g, b, training: true));
                var pooled = Functional.GlobalAvgPool2d(Functional.Relu(Functional.Add(r, h, Functional.Add(h, h))));
                var d = Functional.Linear(Functional.Flatten(pooled), wd);
                return Functional.Add(Functional.Relu(d), d);
            }, [x, w1, w2, g, b, wd]);
        };
        return cases;
    }
}
