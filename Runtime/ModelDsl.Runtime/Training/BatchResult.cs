using System.Collections.Generic;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// The result of one batch: the total loss (mean over the batch; the weighted sum over outputs for a
/// multi-output model), the per-output losses before weighting (multi-output only, logged as
/// <c>NAME_loss</c>), and the outputs when they were asked for.
/// </summary>
public sealed record BatchResult(double Loss, IReadOnlyList<double>? OutputLosses = null, IReadOnlyList<float[]>? Outputs = null);
