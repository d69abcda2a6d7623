namespace ModelDsl.Bench;

/// <summary>What one `train` run does: the same for every engine.</summary>
internal sealed record TrainSettings(
    BenchModel Model, int BatchSize, int Epochs, int Threads, int Seed, BenchData Train, BenchData Test, bool Profile);
