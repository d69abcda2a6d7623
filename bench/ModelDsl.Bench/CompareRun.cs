namespace ModelDsl.Bench;

/// <summary>One child run of `compare`: its result line, or why there is none.</summary>
internal sealed record CompareRun(CompareEngine Engine, int Seed, TrainResult? Result, string? Failure);
