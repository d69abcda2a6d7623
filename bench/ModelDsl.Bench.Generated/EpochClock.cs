using System;
using System.Collections.Generic;
using System.Diagnostics;
using ModelDsl.Runtime.Progress;

namespace ModelDsl.Bench.Generated;

/// <summary>
/// A progress reporter that only keeps time: the seconds of every epoch (as the training loop measures them) and the
/// resident set at the end of the first and the last epoch.
/// </summary>
internal sealed class EpochClock : IProgressReporter
{
    private double _firstEpochMb = double.NaN;
    private double _lastEpochMb = double.NaN;

    public double TrainingSeconds { get; private set; }

    public double GrowthMb => _lastEpochMb - _firstEpochMb;

    public double PeakMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    public T Run<T>(Func<T> training) => training();

    public void EpochStarted(int epoch, int epochs, int steps)
    {
    }

    public void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running)
    {
    }

    public void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed)
    {
        TrainingSeconds += elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        _lastEpochMb = process.WorkingSet64 / (1024.0 * 1024.0);
        if (double.IsNaN(_firstEpochMb))
        {
            _firstEpochMb = _lastEpochMb;
        }

        Console.Error.WriteLine($"epoch {epoch}: {elapsed.TotalSeconds:F2} s, loss {logs.GetValueOrDefault("loss"):F4}, working set {_lastEpochMb:F0} MiB");
    }

    public void Message(string text) => Console.Error.WriteLine(text);
}
