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

    /// <summary>
    /// The output is binary (binary cross-entropy): every column is thresholded at 1/2 on its own, as Keras'
    /// <c>binary_accuracy</c>, so a multi-label output is scored per label, not by arg-max.
    /// </summary>
    public bool Binary { get; init; }

    /// <summary>The one output this entry applies to (when outputs read a metric differently); null for every output.</summary>
    public string? Output { get; init; }

    public static MetricSpec TopK(int k) => new("top_k", k);

    /// <summary>Whether this entry applies to the output named <paramref name="output"/>.</summary>
    public bool AppliesTo(string output) => Output is null || Output == output;

    public Metric Create() => Metric.Create(Name, K, Binary);
}
