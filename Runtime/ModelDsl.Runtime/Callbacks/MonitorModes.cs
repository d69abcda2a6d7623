using System;

namespace ModelDsl.Runtime.Callbacks;

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
        return name.EndsWith("loss", StringComparison.Ordinal) || name.EndsWith("mae", StringComparison.Ordinal)
            || name.EndsWith("mse", StringComparison.Ordinal)
            ? MonitorMode.Min
            : MonitorMode.Max;
    }

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public static bool IsImprovement(MonitorMode resolved, double current, double best, double minDelta) =>
        double.IsFinite(current) && (resolved == MonitorMode.Max ? current - Math.Abs(minDelta) > best : current + Math.Abs(minDelta) < best);

    /// <summary>The starting "best" value: the worst possible.</summary>
    public static double Worst(MonitorMode resolved) => resolved == MonitorMode.Max ? double.NegativeInfinity : double.PositiveInfinity;
}
