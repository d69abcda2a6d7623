using System;
using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Reporting;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// <c>checkpoint(path, monitor?, save_best_only = false, every = 1)</c>: every <c>every</c> epochs, writes a
/// checkpoint (weights, optimiser, schedule position, callbacks, history) to the expanded path pattern. With
/// <c>save_best_only</c>, only when the monitored value improved (Keras semantics; the default monitor is
/// <c>val_loss</c>). Files are written atomically and never for an epoch whose loss was NaN.
/// With <c>save_best_only</c> and a fixed name (Keras' <c>best.ckpt</c>) one best file is kept, overwritten on each
/// improvement; a pattern with placeholders (<c>best-{epoch:02}.ckpt</c>) asks for one file per improvement, as in
/// Keras, and gets them.
/// </summary>
public sealed class ModelCheckpoint : ITrainingCallback
{
    private readonly MonitorMode _mode;
    private double _best;
    private int _bestEpoch;

    public ModelCheckpoint(string path, string? monitor = null, bool saveBestOnly = false, int every = 1, MonitorMode mode = MonitorMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        PathPattern = path;
        SaveBestOnly = saveBestOnly;
        MonitorName = monitor ?? (saveBestOnly ? "val_loss" : null);
        Every = every;
        _mode = MonitorModes.Resolve(mode, MonitorName ?? "val_loss");
        _best = MonitorModes.Worst(_mode);
    }

    public string PathPattern { get; }

    public string? MonitorName { get; }

    public bool SaveBestOnly { get; }

    public int Every { get; }

    string ITrainingCallback.StateKey => "checkpoint:" + PathPattern;

    string? ITrainingCallback.Monitor => MonitorName;

    /// <summary>
    /// Removes the temporary files that interrupted saves (kill -9, power loss) of this callback's path left behind:
    /// only files named as <see cref="AtomicFile"/> names them, for a file name this pattern can produce, in its
    /// folder, and untouched for a minute (a concurrent run's save in progress is younger). A later save of the same
    /// name would remove its own too, but a pattern with <c>{epoch}</c> never writes that name again.
    /// </summary>
    public void OnTrainBegin(TrainingContext context)
    {
        string full;
        try
        {
            full = Path.GetFullPath(PathPattern);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return; // the first save reports the path
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || folder.Contains('{', StringComparison.Ordinal))
        {
            return; // placeholders in a folder name: each save cleans up after its own name
        }

        AtomicFile.RemoveOrphans(folder, CheckpointPath.FileNames(Path.GetFileName(full)).IsMatch);
    }

    public void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logs);
        if (epoch % Every != 0)
        {
            return;
        }

        if (SaveBestOnly)
        {
            // An epoch that is not good (non-finite loss or weight) is not written, so it must not become the best to beat.
            if (context.EpochNotGood is not null || !logs.TryGetValue(MonitorName!, out var current) || !MonitorModes.IsImprovement(_mode, current, _best, 0))
            {
                return;
            }

            _best = current;
        }

        context.RequestCheckpoint(Format(epoch, logs));
        if (SaveBestOnly)
        {
            _bestEpoch = epoch;
        }
    }

    public IReadOnlyDictionary<string, double>? SaveState() => new Dictionary<string, double> { ["best"] = _best, ["best_epoch"] = _bestEpoch };

    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _best = state.TryGetValue("best", out var best) ? best : MonitorModes.Worst(_mode);
        _bestEpoch = state.TryGetValue("best_epoch", out var bestEpoch) ? (int)bestEpoch : 0;
    }

    private string Format(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        try
        {
            return CheckpointPath.Format(PathPattern, epoch, logs, MonitorName);
        }
        catch (ArgumentException ex)
        {
            throw new TrainingException(ex.Message, ex);
        }
    }
}
