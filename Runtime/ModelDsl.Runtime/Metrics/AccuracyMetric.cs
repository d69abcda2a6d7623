using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>
/// Fraction of examples classified correctly. Several output columns: arg-max against the class index (or the
/// one-hot target's arg-max). One column (binary): probability above 1/2 against the 0/1 target.
/// </summary>
public sealed class AccuracyMetric : Metric
{
    private long _correct;
    private long _total;

    public override string Name => "accuracy";

    public override void Reset() => (_correct, _total) = (0, 0);

    public override void Update(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        var width = Width(predictions, target);
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
