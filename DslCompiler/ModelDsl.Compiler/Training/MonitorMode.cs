namespace ModelDsl.Compiler.Training;

/// <summary>Whether a monitored quantity improves downwards or upwards. <c>auto</c> is resolved by the checker.</summary>
public enum MonitorMode
{
    Min,
    Max,
}
