using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>Fraction of examples whose true class is among the <c>k</c> highest predictions (ties count against).</summary>
public sealed class TopKAccuracyMetric : Metric
{
    private readonly int _k;
    private long _correct;
    private long _total;

    public TopKAccuracyMetric(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _k = k;
    }

    public override string Name => $"top_{_k}_accuracy";

    public override void Reset() => (_correct, _total) = (0, 0);

    public override void Update(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        var width = Width(predictions, target);
        for (var i = 0; i < target.BatchSize; i++)
        {
            var row = predictions.Slice(i * width, width);
            var truth = TrueClass(target, i, width);
            var score = row[truth];
            var higher = 0;
            foreach (var p in row)
            {
                if (p > score)
                {
                    higher++;
                }
            }

            if (higher < _k)
            {
                _correct++;
            }
        }

        _total += target.BatchSize;
    }

    public override double Result() => _total == 0 ? 0 : (double)_correct / _total;
}
