using ModelDsl.Runtime.Metrics;

namespace ModelDsl.Runtime.Training;

/// <summary>An entry of <c>metrics: [...]</c>; one <see cref="Metric"/> is created per model output from it.</summary>
public sealed record MetricSpec(string Name, int K = 5)
{
    public static MetricSpec Accuracy { get; } = new("accuracy");

    public static MetricSpec Mae { get; } = new("mae");

    public static MetricSpec Mse { get; } = new("mse");

    public static MetricSpec Precision { get; } = new("precision");

    public static MetricSpec Recall { get; } = new("recall");

    public static MetricSpec TopK(int k) => new("top_k", k);

    public Metric Create() => Metric.Create(Name, K);
}
