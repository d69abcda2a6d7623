using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Metrics;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// Accumulates one epoch's (or one evaluation's) loss and metrics: losses are averaged per example (a short
/// last batch weighs less), metrics accumulate counts. Keys follow Keras: <c>loss</c>, then for several
/// outputs <c>NAME_loss</c> and <c>NAME_metric</c>, for one output just <c>metric</c>.
/// </summary>
internal sealed class EpochAccumulator
{
    private readonly IReadOnlyList<string> _outputs;
    private readonly Metric[][] _metrics;
    private readonly double[] _outputLossSums;
    private double _lossSum;
    private long _examples;

    public EpochAccumulator(IReadOnlyList<string> outputs, IReadOnlyList<MetricSpec> metrics)
    {
        _outputs = outputs;
        _metrics = [.. outputs.Select(output => metrics.Where(m => m.AppliesTo(output)).Select(m => m.Create()).ToArray())];
        _outputLossSums = new double[outputs.Count];
    }

    public static IEnumerable<string> KeysFor(IReadOnlyList<string> outputs, IReadOnlyList<MetricSpec> metrics)
    {
        yield return "loss";
        if (outputs.Count == 1)
        {
            foreach (var metric in metrics.Where(m => m.AppliesTo(outputs[0])))
            {
                yield return metric.Create().Name;
            }

            yield break;
        }

        foreach (var output in outputs)
        {
            yield return output + "_loss";
        }

        foreach (var output in outputs)
        {
            foreach (var metric in metrics.Where(m => m.AppliesTo(output)))
            {
                yield return output + "_" + metric.Create().Name;
            }
        }
    }

    public void Add(Batch batch, BatchResult result)
    {
        var n = batch.Size;
        _examples += n;
        _lossSum += result.Loss * n;
        if (result.OutputLosses is { } losses)
        {
            for (var o = 0; o < _outputLossSums.Length && o < losses.Count; o++)
            {
                _outputLossSums[o] += losses[o] * n;
            }
        }

        if (result.Outputs is { } outputs)
        {
            for (var o = 0; o < _metrics.Length && o < outputs.Count; o++)
            {
                foreach (var metric in _metrics[o])
                {
                    metric.Update(outputs[o], batch.Targets[o]);
                }
            }
        }
    }

    public Dictionary<string, double> Logs(string prefix)
    {
        var logs = new Dictionary<string, double> { [prefix + "loss"] = _examples == 0 ? double.NaN : _lossSum / _examples };
        if (_outputs.Count > 1)
        {
            for (var o = 0; o < _outputs.Count; o++)
            {
                logs[$"{prefix}{_outputs[o]}_loss"] = _examples == 0 ? double.NaN : _outputLossSums[o] / _examples;
            }
        }

        for (var o = 0; o < _metrics.Length; o++)
        {
            foreach (var metric in _metrics[o])
            {
                logs[_outputs.Count == 1 ? prefix + metric.Name : $"{prefix}{_outputs[o]}_{metric.Name}"] = metric.Result();
            }
        }

        return logs;
    }
}
