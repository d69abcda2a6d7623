namespace ModelDsl.Compiler.Training;

/// <summary>What the targets of one output hold, as the loss implies it (data loaders and metrics follow it).</summary>
public enum TargetKind
{
    /// <summary>Real values with the output's shape (regression losses).</summary>
    Values,

    /// <summary>0/1 values with the output's shape (binary or multi-label cross-entropy).</summary>
    Binary,

    /// <summary>One-hot rows with the output's shape (categorical cross-entropy).</summary>
    OneHot,

    /// <summary>One integer class index per example (sparse categorical cross-entropy).</summary>
    ClassIndex,
}
