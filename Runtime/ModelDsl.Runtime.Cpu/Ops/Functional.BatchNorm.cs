using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>
    /// Batch normalisation over dimension 1 of [N, C] or [N, C, H, W] (or [N, C, …]). In training it normalises
    /// with the batch mean and biased variance and updates the running statistics in place
    /// (running = (1 − momentum)·running + momentum·batch, the variance unbiased, as PyTorch); in evaluation it
    /// uses the running statistics.
    /// </summary>
    public static Tensor BatchNorm(
        Tensor x, Tensor runningMean, Tensor runningVar, Tensor? weight, Tensor? bias, bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        if (x.Rank < 2)
        {
            throw new ArgumentException($"batchnorm expects [N, C] or [N, C, H, W] but receives {Tensor.Describe(x.ShapeArray)}");
        }

        var s = x.ShapeArray;
        int n = s[0], c = s[1];
        var inner = n * c == 0 ? 0 : x.Count / (n * c);
        CheckChannelVector(runningMean, c, s, "running_mean");
        CheckChannelVector(runningVar, c, s, "running_var");
        CheckChannelVector(weight, c, s, "weight");
        CheckChannelVector(bias, c, s, "bias");

        var count = n * inner;
        if (training && count <= 1)
        {
            throw new ArgumentException($"batchnorm in training needs more than one value per channel, input is {Tensor.Describe(s)}");
        }

        var record = Autograd.ShouldRecord(x, weight, bias);
        var y = Tensor.Empty(s);
        // Like PyTorch, the backward pass recomputes x̂ from x and the saved per-channel statistics rather than
        // keeping x̂: one tensor-sized write less in the forward pass and one tensor less alive until backward.
        var mean = GradNode.SaveBuffer(c);
        var invStd = GradNode.SaveBuffer(c);
        BatchNormKernels.Forward(
            x.Buffer, y.Buffer, mean, invStd, runningMean.Buffer, runningVar.Buffer, weight?.Buffer, bias?.Buffer, n, c, inner, training, momentum, eps);
        return record ? Autograd.Record(y, new BatchNormNode(x, weight, bias, mean, invStd, n, c, inner, training)) : y;
    }

    private static void CheckChannelVector(Tensor? t, int channels, int[] inputShape, string name)
    {
        if (t is not null && (t.Rank != 1 || t.ShapeArray[0] != channels))
        {
            throw new ArgumentException($"batchnorm {name} must be [{channels}] for input {Tensor.Describe(inputShape)} but is {Tensor.Describe(t.ShapeArray)}");
        }
    }

    private sealed class BatchNormNode(
        Tensor x, Tensor? weight, Tensor? bias, float[] mean, float[] invStd, int n, int c, int inner, bool training)
        : GradNode(x, weight, bias)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var w = Inputs[1];
            var b = Inputs[2];
            var overwrite = false;
            var inputGrad = Wants(input) ? GradientToWrite(input, out overwrite) : null;
            BatchNormKernels.Backward(
                gradOutput,
                input.Buffer,
                mean,
                invStd,
                w?.Buffer,
                inputGrad,
                Wants(w) ? GradientOf(w!) : null,
                Wants(b) ? GradientOf(b!) : null,
                n,
                c,
                inner,
                training,
                overwrite);
        }
    }
}
