namespace ModelDsl.Bench;

/// <summary>
/// The outcome of one `train` run. Throughput counts the training loop only (batch gathering, forward, backward,
/// optimiser step), not data loading or evaluation; memory is the process's peak resident set (VmHWM) and the change
/// of its resident set from the end of the first epoch to the end of the last.
/// </summary>
internal sealed record TrainResult(double ExamplesPerSecond, double TestAccuracy, double PeakWorkingSetMb, double WorkingSetGrowthMb);
