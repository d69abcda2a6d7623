namespace ModelDsl.Runtime.Callbacks;

/// <summary><c>mode:</c> of early stopping and checkpoints: whether the monitored value should fall or rise.</summary>
public enum MonitorMode
{
    /// <summary>Min for losses, mae and mse; max for everything else (accuracy, top_k, precision, recall).</summary>
    Auto,
    Min,
    Max,
}
