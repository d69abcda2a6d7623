using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>
/// A streaming metric over an epoch: <see cref="Update"/> per batch, <see cref="Result"/> at the end (computed
/// from accumulated counts, not an average of per-batch values). Predictions are what the model's
/// <c>forward</c> returns — probabilities for softmax/sigmoid outputs — as [N, C] row-major values.
/// </summary>
public abstract class Metric
{
    /// <summary>The name used in logs and history (<c>accuracy</c>, <c>top_5_accuracy</c>, <c>mae</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>Whether larger is better (used by <c>mode: auto</c>).</summary>
    public virtual bool HigherIsBetter => true;

    public abstract void Reset();

    /// <summary>Adds a batch: <paramref name="predictions"/> holds N rows of equal width; <paramref name="target"/> its targets.</summary>
    public abstract void Update(ReadOnlySpan<float> predictions, BatchTensor target);

    public abstract double Result();

    /// <summary>
    /// Creates a metric from its <c>.model</c> name: <c>accuracy</c>, <c>top_k</c> (with <paramref name="k"/>),
    /// <c>mae</c>, <c>mse</c>, <c>precision</c>, <c>recall</c>. <paramref name="binary"/>: the output is binary or
    /// multi-label (binary cross-entropy), so classification metrics threshold every column at 1/2.
    /// </summary>
    public static Metric Create(string name, int k = 5, bool binary = false) => name switch
    {
        "accuracy" or "acc" => new AccuracyMetric(binary),
        "top_k" or "top_k_accuracy" => new TopKAccuracyMetric(k),
        "mae" or "mean_absolute_error" => new MeanErrorMetric(squared: false),
        "mse" or "mean_squared_error" => new MeanErrorMetric(squared: true),
        "precision" => new PrecisionRecallMetric(recall: false, binary),
        "recall" => new PrecisionRecallMetric(recall: true, binary),
        _ => throw new ArgumentException($"Unknown metric '{name}'; expected accuracy, top_k(k), mae, mse, precision or recall.", nameof(name)),
    };

    /// <summary>Columns per example in <paramref name="predictions"/> for this batch.</summary>
    protected static int Width(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var n = target.BatchSize;
        if (n == 0 || predictions.Length % n != 0)
        {
            throw new ArgumentException($"{predictions.Length} predictions do not split into {n} examples.", nameof(predictions));
        }

        return predictions.Length / n;
    }

    /// <summary>The true class of example <paramref name="i"/>: the index, the arg-max of a one-hot row, or a thresholded binary target.</summary>
    protected static int TrueClass(BatchTensor target, int i, int width)
    {
        if (target.ClassIndices is not null)
        {
            return target.ClassIndices[i];
        }

        var values = target.Values!;
        var targetWidth = values.Length / target.BatchSize;
        return targetWidth == 1 ? (values[i] > 0.5f ? 1 : 0) : OneHot.ArgMax(values.AsSpan(i * targetWidth, targetWidth));
    }

    /// <summary>The predicted class: arg-max for several columns, probability above 1/2 for one.</summary>
    protected static int PredictedClass(ReadOnlySpan<float> predictions, int i, int width) =>
        width == 1 ? (predictions[i] > 0.5f ? 1 : 0) : OneHot.ArgMax(predictions.Slice(i * width, width));
}
