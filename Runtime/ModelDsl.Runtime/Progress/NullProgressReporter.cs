using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Progress;

/// <summary>Reports nothing (tests, library use).</summary>
public sealed class NullProgressReporter : IProgressReporter
{
    public static NullProgressReporter Instance { get; } = new();

    public T Run<T>(Func<T> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training();
    }

    public void EpochStarted(int epoch, int epochs, int steps)
    {
    }

    public void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running)
    {
    }

    public void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed)
    {
    }

    public void Message(string text)
    {
    }
}
