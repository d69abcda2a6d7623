using System;
using System.Collections.Generic;
using System.IO;

namespace ModelDsl.Runtime.Progress;

/// <summary>One line per epoch and per message, for redirected output, logs and CI.</summary>
public sealed class PlainProgressReporter(TextWriter writer) : IProgressReporter
{
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
        writer.WriteLine(ProgressFormat.EpochLine(epoch, epochs, logs, elapsed));
        writer.Flush();
    }

    public void Message(string text)
    {
        writer.WriteLine(text);
        writer.Flush();
    }
}
