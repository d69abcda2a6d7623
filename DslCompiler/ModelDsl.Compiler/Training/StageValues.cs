using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Training;

/// <summary>The stage-level settings of one body (the train's defaults or a stage's overrides) after checking.
/// For each setting <c>XGiven</c> says whether the body wrote it; a given setting with a null value was invalid
/// (already reported), so merging never falls back to the default for it and never reports it again.</summary>
internal sealed class StageValues
{
    public bool EpochsGiven { get; set; }

    public int? Epochs { get; set; }

    public bool BatchSizeGiven { get; set; }

    public int? BatchSize { get; set; }

    public bool StepsPerEpochGiven { get; set; }

    public int? StepsPerEpoch { get; set; }

    public bool ShuffleGiven { get; set; }

    public bool? Shuffle { get; set; }

    public bool OptimizerGiven { get; set; }

    public CheckedOptimizer? Optimizer { get; set; }

    public bool ScheduleGiven { get; set; }

    public CheckedSchedule? Schedule { get; set; }

    public SourceSpan? ScheduleSpan { get; set; }

    public bool FreezeGiven { get; set; }

    public FreezeList? Freeze { get; set; }

    public bool EarlyStoppingGiven { get; set; }

    public CheckedEarlyStopping? EarlyStopping { get; set; }

    public bool CheckpointGiven { get; set; }

    public CheckedCheckpoint? Checkpoint { get; set; }
}
