using System;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>
/// A whole convnet (conv, batchnorm, relu, maxpool, grouped conv, gelu, flatten, dense, tanh) trained two Adam
/// steps, against PyTorch: loss, every parameter gradient, parameters and running statistics after each step,
/// and eval-mode logits. Weight names and layouts are PyTorch's, so PyTorch's state loads unchanged.
/// </summary>
public sealed class PyTorchModelFixtureTests
{
    [Fact]
    public void Convnet_training_steps_match_pytorch()
    {
        var c = Fixture.Case("models.json", "convnet_adam");
        var g = new Generator(0);
        var model = new Sequential(
            ("conv2d_0", new Conv2d(2, 4, (3, 3), padding: Padding2d.Symmetric(1), bias: false, generator: g)),
            ("batchnorm_0", new BatchNorm(4, momentum: 0.1f)),
            ("relu_0", new Activation(ActivationKind.Relu)),
            ("maxpool2d_0", new MaxPool2d((2, 2))),
            ("conv2d_1", new Conv2d(4, 4, (3, 3), padding: Padding2d.Symmetric(1), groups: 2, generator: g)),
            ("gelu_0", new Activation(ActivationKind.Gelu)),
            ("flatten", new Flatten()),
            ("dense_0", new Linear(36, 5, generator: g)),
            ("tanh_0", new Activation(ActivationKind.Tanh)),
            ("dense_1", new Linear(5, 3, generator: g)));
        model.LoadStateDict(c.GetProperty("initial").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.Tensor(p.Value).ToArray()));
        var optimizer = new Adam(model.Parameters(), lr: 0.01);
        var x = Fixture.Tensor(c.GetProperty("input"));
        var labels = Fixture.Ints(c.GetProperty("labels"));

        var step = 0;
        foreach (var expected in c.GetProperty("steps").EnumerateArray())
        {
            step++;
            using (TensorScope.Begin())
            {
                optimizer.ZeroGrad();
                var loss = Functional.SparseCrossEntropy(model.Forward(x), labels);
                var pytorchLoss = expected.GetProperty("loss").GetDouble();
                Assert.True(Math.Abs(loss.Item() - pytorchLoss) <= 1e-4 * Math.Abs(pytorchLoss), $"step {step} loss {loss.Item()} vs PyTorch {pytorchLoss}");
                loss.Backward();
                foreach (var (name, parameter) in model.NamedParameters())
                {
                    Fixture.AssertClose(expected.GetProperty("grads").GetProperty(name), parameter.Grad, $"step {step} grad of {name}");
                }

                optimizer.Step();
            }

            var state = model.StateDict();
            foreach (var e in expected.GetProperty("state").EnumerateObject())
            {
                Fixture.AssertClose(e.Value, Tensor.FromArray(state[e.Name], [.. Fixture.Tensor(e.Value).Shape]), $"step {step} {e.Name}");
            }
        }

        model.Eval();
        using (Autograd.NoGrad())
        {
            Fixture.AssertClose(c.GetProperty("eval_logits"), model.Forward(x), "eval logits");
        }
    }
}
