namespace ModelDsl.Compiler.Training;

/// <summary>One metric on one output. A metrics list applies to every output (Keras), so a two-output model with
/// <c>metrics: [accuracy]</c> has two entries, keyed <c>age_accuracy</c> and <c>gender_accuracy</c>.</summary>
/// <param name="OutputName">The output it reads (null for an unnamed single output).</param>
/// <param name="Kind">The metric.</param>
/// <param name="Name">Its <c>.model</c> spelling (<c>accuracy</c>, <c>top_k</c>).</param>
/// <param name="K">k for top_k, else null.</param>
/// <param name="Form">How it reads the output, from the output's loss.</param>
/// <param name="Key">The history key without <c>val_</c>: <c>accuracy</c>, <c>top_5_accuracy</c>, <c>gender_accuracy</c>.</param>
/// <param name="OutputIsLogits">True when the output has no final activation and a cross-entropy loss, so it holds
/// logits: a binary threshold is then 0 instead of 0.5 (argmax is the same either way).</param>
public sealed record CheckedMetric(string? OutputName, MetricKind Kind, string Name, int? K, MetricForm Form, string Key, bool OutputIsLogits = false);
