using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>
/// Precision or recall. Binary (one output column): of class 1 with the prediction thresholded at 1/2, as Keras.
/// Multi-class (several columns): the macro average over the classes that occur in the targets or the
/// predictions (as scikit-learn's <c>average="macro"</c>); a class with no predicted (precision) or true
/// (recall) examples contributes 0. <c>binary</c> with several columns (multi-label): every column is a binary
/// decision and the counts are pooled over them (Keras' <c>Precision</c>/<c>Recall</c>). Counts accumulate over the epoch.
/// </summary>
public sealed class PrecisionRecallMetric(bool recall, bool binary = false) : Metric
{
    private readonly Dictionary<int, (long TruePositive, long FalsePositive, long FalseNegative)> _counts = [];
    private bool _binary;

    public override string Name => recall ? "recall" : "precision";

    public override void Reset()
    {
        _counts.Clear();
        _binary = false;
    }

    public override void Update(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        var width = Width(predictions, target);
        _binary = width == 1 || binary;
        if (binary && width > 1)
        {
            var values = target.AsFloats();
            for (var j = 0; j < predictions.Length; j++)
            {
                var (predicted, truth) = (predictions[j] > 0.5f, values[j] > 0.5f);
                if (predicted || truth)
                {
                    Add(1, tp: predicted && truth ? 1 : 0, fp: predicted && !truth ? 1 : 0, fn: truth && !predicted ? 1 : 0);
                }
            }

            return;
        }

        for (var i = 0; i < target.BatchSize; i++)
        {
            var truth = TrueClass(target, i, width);
            var predicted = PredictedClass(predictions, i, width);
            if (truth == predicted)
            {
                Add(truth, tp: 1);
            }
            else
            {
                Add(predicted, fp: 1);
                Add(truth, fn: 1);
            }
        }
    }

    public override double Result()
    {
        if (_binary)
        {
            return Score(_counts.GetValueOrDefault(1));
        }

        if (_counts.Count == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var counts in _counts.Values)
        {
            sum += Score(counts);
        }

        return sum / _counts.Count;
    }

    private double Score((long TruePositive, long FalsePositive, long FalseNegative) c)
    {
        var denominator = c.TruePositive + (recall ? c.FalseNegative : c.FalsePositive);
        return denominator == 0 ? 0 : (double)c.TruePositive / denominator;
    }

    private void Add(int cls, long tp = 0, long fp = 0, long fn = 0)
    {
        var c = _counts.GetValueOrDefault(cls);
        _counts[cls] = (c.TruePositive + tp, c.FalsePositive + fp, c.FalseNegative + fn);
    }
}
