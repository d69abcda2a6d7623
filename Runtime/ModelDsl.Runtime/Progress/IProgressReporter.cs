using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Progress;

/// <summary>
/// Receives training progress. <see cref="Run{T}"/> wraps the whole training so a live display (a terminal
/// progress bar) can own the console while it runs; the other members are called from inside it, on the
/// training thread. Implementations: <see cref="ConsoleProgressReporter"/> (Spectre.Console bars),
/// <see cref="PlainProgressReporter"/> (one line per epoch), <see cref="NullProgressReporter"/>.
/// </summary>
public interface IProgressReporter
{
    T Run<T>(Func<T> training);

    /// <summary>An epoch starts; <paramref name="steps"/> batches will follow.</summary>
    void EpochStarted(int epoch, int epochs, int steps);

    /// <summary>A training batch finished; <paramref name="running"/> holds the epoch's running loss and metrics.</summary>
    void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running);

    /// <summary>An epoch finished, validation included.</summary>
    void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed);

    /// <summary>A line for the user (early stopping, NaN loss, checkpoint written, restored weights).</summary>
    void Message(string text);
}
