namespace ModelDsl.Compiler.Training;

/// <summary>The learning-rate schedules of LANGUAGE.md §6.</summary>
public enum ScheduleKind
{
    /// <summary>lr · 1 / (1 + decay · t).</summary>
    TimeDecay,

    /// <summary>lr · rate^⌊t / every⌋.</summary>
    StepDecay,

    /// <summary>lr · gamma^t.</summary>
    Exponential,

    /// <summary>min_lr + (lr − min_lr) · (1 + cos(π · t / period)) / 2; period defaults to the stage length.</summary>
    Cosine,

    /// <summary>lr · (t + 1) / epochs while t &lt; epochs, then the <c>then</c> schedule at t − epochs (constant when absent).</summary>
    Warmup,

    /// <summary>max(lr − decay · t, min_lr): a fixed decrement per epoch or step.</summary>
    LinearDecay,
}
