using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Metrics;

/// <summary>Mean absolute (<c>mae</c>) or squared (<c>mse</c>) error over all output values; class-index targets are compared as one-hot rows.</summary>
public sealed class MeanErrorMetric(bool squared) : Metric
{
    private double _sum;
    private long _count;

    public override string Name => squared ? "mse" : "mae";

    public override bool HigherIsBetter => false;

    public override void Reset() => (_sum, _count) = (0, 0);

    public override void Update(ReadOnlySpan<float> predictions, BatchTensor target)
    {
        var width = Width(predictions, target);
        var values = target.ClassIndices is not null && width > 1 ? target.ToOneHot().Values! : target.AsFloats();
        if (values.Length != predictions.Length)
        {
            throw new ArgumentException($"{Name}: {predictions.Length} predictions but {values.Length} target values.", nameof(target));
        }

        for (var i = 0; i < values.Length; i++)
        {
            var d = (double)predictions[i] - values[i];
            _sum += squared ? d * d : Math.Abs(d);
        }

        _count += values.Length;
    }

    public override double Result() => _count == 0 ? 0 : _sum / _count;
}
