using System.Collections.Generic;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// How a <see cref="TrainingLoop.Fit"/> call ended: the history, why it stopped, a message for the user, the last
/// checkpoint written, and the fitted normalisers (pass them to Evaluate/Predict).
/// </summary>
public sealed record TrainingResult(
    History History, StopReason StopReason, string Message, int EpochsCompleted, string? LastCheckpoint, IReadOnlyList<Normalizer>? Normalizers);
