using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Progress;

namespace ModelDsl.EndToEnd.Tests;

/// <summary>Records what training reports, and lets a test look at the model after each epoch.</summary>
internal sealed class CapturingProgress(Action<int>? afterEpoch = null) : IProgressReporter
{
    public List<string> Messages { get; } = new();

    public T Run<T>(Func<T> training) => training();

    public void EpochStarted(int epoch, int epochs, int steps)
    {
    }

    public void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running)
    {
    }

    public void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed) => afterEpoch?.Invoke(epoch);

    public void Message(string text) => Messages.Add(text);
}
