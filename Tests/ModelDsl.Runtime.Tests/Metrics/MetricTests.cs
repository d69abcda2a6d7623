using System;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Metrics;
using Xunit;

namespace ModelDsl.Runtime.Tests.Metrics;

public sealed class MetricTests
{
    private static readonly float[] Probabilities =
    [
        0.7f, 0.2f, 0.1f,
        0.1f, 0.3f, 0.6f,
        0.2f, 0.5f, 0.3f,
        0.5f, 0.1f, 0.4f,
    ];

    private static readonly BatchTensor Labels = BatchTensor.FromClasses("y", [0, 1, 1, 2], 3);

    [Fact]
    public void Accuracy_with_indices_and_one_hot_targets()
    {
        var metric = Metric.Create("accuracy");
        metric.Update(Probabilities, Labels);
        Assert.Equal(0.5, metric.Result());

        metric.Reset();
        metric.Update(Probabilities, Labels.ToOneHot());
        Assert.Equal(0.5, metric.Result());
    }

    [Fact]
    public void Binary_accuracy_thresholds_at_one_half()
    {
        var metric = new AccuracyMetric();
        metric.Update([0.9f, 0.4f, 0.6f], BatchTensor.FromValues("y", [3, 1], [1, 0, 0]));
        Assert.Equal(2.0 / 3, metric.Result(), 10);
    }

    [Fact]
    public void Multi_label_accuracy_thresholds_each_label_not_the_arg_max()
    {
        // Two examples, three labels each: 5 of the 6 thresholded labels are right; the arg-max would score 1 of 2.
        var predictions = new[] { 0.9f, 0.2f, 0.7f, 0.1f, 0.8f, 0.4f };
        var targets = BatchTensor.FromValues("y", [2, 3], [1, 0, 1, 0, 1, 1]);
        var metric = new ModelDsl.Runtime.Training.MetricSpec("accuracy") { Binary = true }.Create();
        metric.Update(predictions, targets);
        Assert.Equal(5.0 / 6, metric.Result(), 10);
    }

    [Fact]
    public void Multi_label_precision_and_recall_pool_every_label()
    {
        // Labels thresholded: predicted 1 0 1 / 0 1 0, true 1 0 0 / 0 1 1 -> tp 2, fp 1, fn 1.
        var predictions = new[] { 0.9f, 0.2f, 0.7f, 0.1f, 0.8f, 0.4f };
        var targets = BatchTensor.FromValues("y", [2, 3], [1, 0, 0, 0, 1, 1]);
        var precision = Metric.Create("precision", binary: true);
        var recall = Metric.Create("recall", binary: true);
        precision.Update(predictions, targets);
        recall.Update(predictions, targets);
        Assert.Equal(2.0 / 3, precision.Result(), 10);
        Assert.Equal(2.0 / 3, recall.Result(), 10);
    }

    [Fact]
    public void Accuracy_accumulates_over_batches()
    {
        var metric = new AccuracyMetric();
        metric.Update([0.9f, 0.1f], BatchTensor.FromClasses("y", [0], 2));
        metric.Update([0.9f, 0.1f, 0.9f, 0.1f, 0.9f, 0.1f], BatchTensor.FromClasses("y", [1, 1, 1], 2));
        Assert.Equal(0.25, metric.Result());
    }

    [Fact]
    public void Top_k()
    {
        var metric = Metric.Create("top_k", 2);
        Assert.Equal("top_2_accuracy", metric.Name);
        metric.Update(Probabilities, Labels);
        Assert.Equal(1.0, metric.Result()); // rows 2 and 4 have their label second highest

        var top1 = Metric.Create("top_k", 1);
        top1.Update(Probabilities, Labels);
        Assert.Equal(0.5, top1.Result()); // top-1 is plain accuracy
    }

    [Fact]
    public void Mae_and_mse()
    {
        var mae = Metric.Create("mae");
        var mse = Metric.Create("mse");
        var target = BatchTensor.FromValues("y", [2, 1], [1, 3]);
        mae.Update([2, 1], target);
        mse.Update([2, 1], target);
        Assert.Equal(1.5, mae.Result());
        Assert.Equal(2.5, mse.Result());
        Assert.False(mae.HigherIsBetter);
    }

    [Fact]
    public void Binary_precision_and_recall()
    {
        var precision = Metric.Create("precision");
        var recall = Metric.Create("recall");
        var target = BatchTensor.FromValues("y", [5, 1], [1, 1, 0, 0, 1]);
        float[] predictions = [0.9f, 0.8f, 0.7f, 0.2f, 0.1f]; // TP 2, FP 1, FN 1
        precision.Update(predictions, target);
        recall.Update(predictions, target);
        Assert.Equal(2.0 / 3, precision.Result(), 10);
        Assert.Equal(2.0 / 3, recall.Result(), 10);
    }

    [Fact]
    public void Macro_precision_and_recall()
    {
        // predicted classes: 0, 2, 1, 0 ; true: 0, 1, 1, 2
        var precision = Metric.Create("precision");
        var recall = Metric.Create("recall");
        precision.Update(Probabilities, Labels);
        recall.Update(Probabilities, Labels);
        // precision: class0 1/2, class1 1/1, class2 0/1 -> 0.5 ; recall: class0 1/1, class1 1/2, class2 0/1 -> 0.5
        Assert.Equal(0.5, precision.Result(), 10);
        Assert.Equal(0.5, recall.Result(), 10);
    }

    [Fact]
    public void Unknown_metric_is_an_argument_error() =>
        Assert.Contains("accuracy", Assert.Throws<ArgumentException>(() => Metric.Create("f1")).Message, StringComparison.Ordinal);
}
