namespace ModelDsl.Runtime.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>Early stopping: the monitored value stopped improving.</summary>
    EarlyStopping,

    /// <summary>The loss became NaN or infinite; the weights were restored to the last good state.</summary>
    NonFiniteLoss,

    /// <summary>A callback or the caller's cancellation token asked to stop.</summary>
    Requested,
}
