using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

public static partial class Functional
{
    /// <summary>Mean squared error, mean over all elements. Targets are constants.</summary>
    public static Tensor MseLoss(Tensor prediction, Tensor target) => PairLoss(prediction, target, LossKind.Mse, "mse");

    /// <summary>Mean absolute error (L1), mean over all elements.</summary>
    public static Tensor MaeLoss(Tensor prediction, Tensor target) => PairLoss(prediction, target, LossKind.Mae, "mae");

    /// <summary>
    /// Binary cross-entropy on probabilities in [0, 1] (logs clamped at −100, as PyTorch).
    /// Prefer <see cref="BinaryCrossEntropyWithLogits"/> when the model ends in a sigmoid.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor target) =>
        PairLoss(probabilities, target, LossKind.Bce, "binary_crossentropy");

    /// <summary>Binary cross-entropy computed stably from logits: max(z, 0) − z·t + log(1 + e^−|z|).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target) =>
        PairLoss(logits, target, LossKind.BceWithLogits, "binary_crossentropy (logits)");

    /// <summary>
    /// Categorical cross-entropy from logits [N, C] against target probabilities (one-hot) [N, C]:
    /// −mean over N of Σ t·log_softmax(z).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        Shapes.RequireRank(logits, 2, "categorical_crossentropy", "[N, classes] logits");
        Shapes.RequireSame(logits, target, "categorical_crossentropy (logits vs one-hot targets)");
        int n = logits.ShapeArray[0], c = logits.ShapeArray[1];
        var logProbs = GradNode.SaveBuffer(logits.Count);
        SoftmaxKernel(logits.Buffer, logProbs, n, c, 1, log: true);
        var t = target.Buffer;
        double total = 0;
        for (var i = 0; i < logProbs.Length; i++)
        {
            total -= t[i] * (double)logProbs[i];
        }

        var y = Scalar((float)(total / n));
        return Autograd.ShouldRecord(logits)
            ? Autograd.Record(y, new CrossEntropyNode(logits, target, logProbs, n, c))
            : y;
    }

    /// <summary>Sparse categorical cross-entropy from logits [N, C] and class indices: mean of lse(z) − z[label].</summary>
    public static Tensor SparseCrossEntropy(Tensor logits, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        Shapes.RequireRank(logits, 2, "sparse_categorical_crossentropy", "[N, classes] logits");
        int n = logits.ShapeArray[0], c = logits.ShapeArray[1];
        var saved = SaveLabels(labels, n, c, "sparse_categorical_crossentropy");
        var logProbs = GradNode.SaveBuffer(logits.Count);
        SoftmaxKernel(logits.Buffer, logProbs, n, c, 1, log: true);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total -= logProbs[(i * c) + saved[i]];
        }

        var y = Scalar((float)(total / n));
        return Autograd.ShouldRecord(logits)
            ? Autograd.Record(y, new SparseCrossEntropyNode(logits, saved, logProbs, n, c, fromLogits: true))
            : y;
    }

    /// <summary>Negative log-likelihood of log-probabilities [N, C] (from <see cref="LogSoftmax"/>): −mean of logp[label].</summary>
    public static Tensor NllLoss(Tensor logProbabilities, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        Shapes.RequireRank(logProbabilities, 2, "nll_loss", "[N, classes] log-probabilities");
        int n = logProbabilities.ShapeArray[0], c = logProbabilities.ShapeArray[1];
        var saved = SaveLabels(labels, n, c, "nll_loss");
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total -= logProbabilities.Buffer[(i * c) + saved[i]];
        }

        var y = Scalar((float)(total / n));
        return Autograd.ShouldRecord(logProbabilities)
            ? Autograd.Record(y, new SparseCrossEntropyNode(logProbabilities, saved, null, n, c, fromLogits: false))
            : y;
    }

    /// <summary>
    /// Categorical cross-entropy on probabilities [N, C] (a softmax output) against one-hot/probability targets:
    /// −mean over N of Σ t·log(clip(p, 1e−7, 1 − 1e−7)) as Keras. Prefer <see cref="CrossEntropy"/> on logits.
    /// </summary>
    public static Tensor CrossEntropyFromProbabilities(Tensor probabilities, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(target);
        Shapes.RequireRank(probabilities, 2, "categorical_crossentropy", "[N, classes] probabilities");
        Shapes.RequireSame(probabilities, target, "categorical_crossentropy (probabilities vs one-hot targets)");
        var n = probabilities.ShapeArray[0];
        var p = probabilities.Buffer;
        var t = target.Buffer;
        double total = 0;
        for (var i = 0; i < p.Length; i++)
        {
            total -= t[i] * Math.Log(ClipProbability(p[i]));
        }

        var y = Scalar((float)(total / n));
        return Autograd.ShouldRecord(probabilities)
            ? Autograd.Record(y, new ProbabilityCrossEntropyNode(probabilities, target, null, n, probabilities.ShapeArray[1]))
            : y;
    }

    /// <summary>Sparse categorical cross-entropy on probabilities [N, C] (clipped as Keras) and class indices.</summary>
    public static Tensor SparseCrossEntropyFromProbabilities(Tensor probabilities, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        Shapes.RequireRank(probabilities, 2, "sparse_categorical_crossentropy", "[N, classes] probabilities");
        int n = probabilities.ShapeArray[0], c = probabilities.ShapeArray[1];
        var saved = SaveLabels(labels, n, c, "sparse_categorical_crossentropy");
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            total -= Math.Log(ClipProbability(probabilities.Buffer[(i * c) + saved[i]]));
        }

        var y = Scalar((float)(total / n));
        return Autograd.ShouldRecord(probabilities)
            ? Autograd.Record(y, new ProbabilityCrossEntropyNode(probabilities, null, saved, n, c))
            : y;
    }

    private const double ProbabilityEpsilon = 1e-7;

    private static double ClipProbability(double p) => Math.Clamp(p, ProbabilityEpsilon, 1 - ProbabilityEpsilon);

    private enum LossKind
    {
        Mse,
        Mae,
        Bce,
        BceWithLogits,
    }

    private static Tensor Scalar(float value)
    {
        var y = Tensor.Empty([]);
        y.Buffer[0] = value;
        return y;
    }

    private static int[] SaveLabels(ReadOnlySpan<int> labels, int n, int classes, string op)
    {
        if (labels.Length != n)
        {
            throw new ArgumentException($"{op}: {labels.Length} labels for a batch of {n}");
        }

        var saved = GradNode.SaveIntBuffer(n);
        for (var i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"{op}: label {labels[i]} at batch index {i} is outside [0, {classes})");
            }

            saved[i] = labels[i];
        }

        return saved;
    }

    private static Tensor PairLoss(Tensor prediction, Tensor target, LossKind kind, string op)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        Shapes.RequireSame(prediction, target, op + " (prediction vs target)");
        var p = prediction.Buffer;
        var t = target.Buffer;
        double total = 0;
        for (var i = 0; i < p.Length; i++)
        {
            double x = p[i];
            double y = t[i];
            total += kind switch
            {
                LossKind.Mse => (x - y) * (x - y),
                LossKind.Mae => Math.Abs(x - y),
                LossKind.Bce => -((y * Math.Max(Math.Log(x), -100.0)) + ((1.0 - y) * Math.Max(Math.Log(1.0 - x), -100.0))),
                _ => Math.Max(x, 0.0) - (x * y) + Math.Log(1.0 + Math.Exp(-Math.Abs(x))),
            };
        }

        var result = Scalar(p.Length == 0 ? float.NaN : (float)(total / p.Length));
        return Autograd.ShouldRecord(prediction)
            ? Autograd.Record(result, new PairLossNode(prediction, target, kind))
            : result;
    }

    private sealed class PairLossNode(Tensor prediction, Tensor target, LossKind kind) : GradNode(prediction)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var p = input.Buffer;
            var t = target.Buffer;
            var gx = GradientOf(input);
            var scale = gradOutput[0] / (double)p.Length;
            for (var i = 0; i < p.Length; i++)
            {
                double x = p[i];
                double y = t[i];
                var d = kind switch
                {
                    LossKind.Mse => 2.0 * (x - y),
                    LossKind.Mae => Math.Sign(x - y),

                    // PyTorch: (x − y) / max(x·(1 − x), 1e−12)
                    LossKind.Bce => (x - y) / Math.Max(x * (1.0 - x), 1e-12),
                    _ => (1.0 / (1.0 + Math.Exp(-x))) - y,
                };
                gx[i] += (float)(d * scale);
            }
        }
    }

    /// <summary>d/dp of −t·log(clip(p)) = −t/p inside the clip range, 0 where clipped (as Keras).</summary>
    private sealed class ProbabilityCrossEntropyNode(Tensor probabilities, Tensor? target, int[]? labels, int n, int c) : GradNode(probabilities)
    {
        public override void Backward(float[] gradOutput)
        {
            var input = Inputs[0]!;
            var p = input.Buffer;
            var gx = GradientOf(input);
            var scale = gradOutput[0] / (double)n;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < c; j++)
                {
                    var k = (i * c) + j;
                    var weight = target is not null ? target.Buffer[k] : labels![i] == j ? 1.0 : 0.0;
                    if (weight != 0 && p[k] > ProbabilityEpsilon && p[k] < 1 - ProbabilityEpsilon)
                    {
                        gx[k] -= (float)(scale * weight / p[k]);
                    }
                }
            }
        }
    }

    private sealed class CrossEntropyNode(Tensor logits, Tensor target, float[] logProbs, int n, int c) : GradNode(logits)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            var t = target.Buffer;
            var scale = gradOutput[0] / n;
            for (var i = 0; i < n; i++)
            {
                var row = i * c;
                var mass = 0f;
                for (var j = 0; j < c; j++)
                {
                    mass += t[row + j];
                }

                // d/dz_j = softmax_j·Σt − t_j
                for (var j = 0; j < c; j++)
                {
                    gx[row + j] += scale * ((MathF.Exp(logProbs[row + j]) * mass) - t[row + j]);
                }
            }
        }
    }

    private sealed class SparseCrossEntropyNode(Tensor input, int[] labels, float[]? logProbs, int n, int c, bool fromLogits)
        : GradNode(input)
    {
        public override void Backward(float[] gradOutput)
        {
            var gx = GradientOf(Inputs[0]!);
            var scale = gradOutput[0] / n;
            for (var i = 0; i < n; i++)
            {
                var row = i * c;
                if (fromLogits)
                {
                    for (var j = 0; j < c; j++)
                    {
                        gx[row + j] += scale * MathF.Exp(logProbs![row + j]);
                    }
                }

                gx[row + labels[i]] -= scale;
            }
        }
    }
}
