using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>
/// Fraction classified correctly. Several output columns: arg-max against the class index (or the one-hot target's
/// arg-max). One column, or <c>binary</c> (binary cross-entropy, so also a multi-label output): every column's
/// probability above 1/2 against its 0/1 target, counted per column as Keras' <c>binary_accuracy</c>.
/// </summary>
public sealed class AccuracyMetric(bool binary = false) : Metric
{
    private long _correct;
    private long _total;

    public override string Name => "accuracy";

    public override void Reset() => (_correct, _total) = (0, 0);

    public override void Update(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        var width = Width(predictions, target);
        if (binary && width > 1)
        {
            var values = target.AsFloats();
            for (var j = 0; j < predictions.Length; j++)
            {
                if ((predictions[j] > 0.5f) == (values[j] > 0.5f))
                {
                    _correct++;
                }
            }

            _total += predictions.Length;
            return;
        }

        for (var i = 0; i < target.BatchSize; i++)
        {
            if (PredictedClass(predictions, i, width) == TrueClass(target, i, width))
            {
                _correct++;
            }
        }

        _total += target.BatchSize;
    }

    public override double Result() => _total == 0 ? 0 : (double)_correct / _total;
}
