using System.Collections.Generic;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// Everything besides the backend's weights and optimiser state that a checkpoint holds so training resumes
/// exactly: epochs done, global step (per-step schedules), seed, base rate, history so far, callback state
/// (early stopping's wait and best, the checkpoint's best) and the fitted normalisers (also needed to predict).
/// </summary>
public sealed record TrainingState(
    int EpochsCompleted,
    long GlobalStep,
    int Seed,
    double BaseLearningRate,
    History History,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> CallbackStates,
    IReadOnlyList<Normalizer> Normalizers);
