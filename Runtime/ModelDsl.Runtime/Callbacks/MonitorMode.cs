using System;

namespace ModelDsl.Runtime.Callbacks;

/// <summary><c>mode:</c> of early stopping and checkpoints: whether the monitored value should fall or rise.</summary>
public enum MonitorMode
{
    /// <summary>Max for accuracy-like metrics (accuracy, top_k, precision, recall), min otherwise (losses, mae, mse).</summary>
    Auto,
    Min,
    Max,
}

/// <summary>Resolves <see cref="MonitorMode.Auto"/> and compares monitored values.</summary>
public static class MonitorModes
{
    public static MonitorMode Resolve(MonitorMode mode, string monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (mode != MonitorMode.Auto)
        {
            return mode;
        }

        var name = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        return name.Contains("acc", StringComparison.Ordinal) || name.EndsWith("precision", StringComparison.Ordinal)
            || name.EndsWith("recall", StringComparison.Ordinal)
            ? MonitorMode.Max
            : MonitorMode.Min;
    }

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public static bool IsImprovement(MonitorMode resolved, double current, double best, double minDelta) =>
        double.IsFinite(current) && (resolved == MonitorMode.Max ? current - Math.Abs(minDelta) > best : current + Math.Abs(minDelta) < best);

    /// <summary>The starting "best" value: the worst possible.</summary>
    public static double Worst(MonitorMode resolved) => resolved == MonitorMode.Max ? double.NegativeInfinity : double.PositiveInfinity;
}
