using System.Collections.Generic;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime.Training;

/// <summary>What callbacks see of a running <see cref="TrainingLoop"/>: the session, history, progress, and the requests they can make.</summary>
public sealed class TrainingContext
{
    private readonly List<(string Path, string? Replaces)> _checkpointRequests = [];

    internal TrainingContext(ITrainingSession session, TrainingOptions options, History history, IProgressReporter progress)
    {
        Session = session;
        Options = options;
        History = history;
        Progress = progress;
    }

    public ITrainingSession Session { get; }

    public TrainingOptions Options { get; }

    public History History { get; }

    public IProgressReporter Progress { get; }

    /// <summary>Optimisation steps taken so far, across epochs.</summary>
    public long GlobalStep { get; internal set; }

    public bool StopRequested { get; private set; }

    public StopReason StopReason { get; private set; } = StopReason.Completed;

    public string? StopMessage { get; private set; }

    /// <summary>The last checkpoint file written in this run (or the one it resumed from).</summary>
    public string? LastCheckpoint { get; internal set; }

    /// <summary>
    /// During <see cref="ITrainingCallback.OnEpochEnd"/>: why the weights after this epoch are not "good" (a loss of the
    /// epoch, training or validation, or a weight is NaN or infinite), or null when they are. Such an epoch is never
    /// checkpointed, never a best epoch and never the weights early stopping restores.
    /// </summary>
    public string? EpochNotGood { get; internal set; }

    /// <summary>Asks the loop to stop after this epoch.</summary>
    public void RequestStop(StopReason reason, string message)
    {
        if (!StopRequested)
        {
            (StopRequested, StopReason, StopMessage) = (true, reason, message);
        }
    }

    /// <summary>
    /// Asks the loop to write a checkpoint at <paramref name="path"/> once every callback has seen this epoch, so the
    /// file holds every callback's state after the epoch — which is what makes a resumed run exact. A different
    /// <paramref name="replaces"/> file is deleted once the new one is safely written (a superseded best checkpoint).
    /// </summary>
    public void RequestCheckpoint(string path, string? replaces = null)
    {
        if (!_checkpointRequests.Exists(r => r.Path == path))
        {
            _checkpointRequests.Add((path, replaces));
        }
    }

    internal IReadOnlyList<(string Path, string? Replaces)> TakeCheckpointRequests()
    {
        var requests = _checkpointRequests.ToArray();
        _checkpointRequests.Clear();
        return requests;
    }
}
