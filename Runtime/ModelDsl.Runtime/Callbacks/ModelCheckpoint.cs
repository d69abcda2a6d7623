using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// <c>checkpoint(path, monitor?, save_best_only = false, every = 1)</c>: every <c>every</c> epochs, writes a
/// checkpoint (weights, optimiser, schedule position, callbacks, history) to the expanded path pattern. With
/// <c>save_best_only</c>, only when the monitored value improved (Keras semantics; the default monitor is
/// <c>val_loss</c>). Files are written atomically and never for an epoch whose loss was NaN.
/// With <c>save_best_only</c> one best file is kept: when a pattern with placeholders (<c>{epoch:02}</c>) names the new
/// best differently, the previous best file is deleted once the new one is written, so a run never piles up
/// every improving checkpoint (Keras' fixed-name <c>best.ckpt</c> is the same file overwritten).
/// </summary>
public sealed class ModelCheckpoint : ITrainingCallback
{
    private readonly MonitorMode _mode;
    private double _best;
    private int _bestEpoch;
    private string? _bestPath;

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
            if (!logs.TryGetValue(MonitorName!, out var current) || !MonitorModes.IsImprovement(_mode, current, _best, 0))
            {
                return;
            }

            _best = current;
        }

        var path = Format(epoch, logs);
        if (!SaveBestOnly)
        {
            context.RequestCheckpoint(path);
            return;
        }

        // After a resume the previous best is known by its epoch only; its path comes from that epoch's logs.
        var previous = _bestPath ?? PreviousBestPath(context);
        context.RequestCheckpoint(path, replaces: previous);
        (_bestPath, _bestEpoch) = (path, epoch);
    }

    public IReadOnlyDictionary<string, double>? SaveState() => new Dictionary<string, double> { ["best"] = _best, ["best_epoch"] = _bestEpoch };

    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _best = state.TryGetValue("best", out var best) ? best : MonitorModes.Worst(_mode);
        _bestEpoch = state.TryGetValue("best_epoch", out var bestEpoch) ? (int)bestEpoch : 0;
        _bestPath = null;
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

    private string? PreviousBestPath(TrainingContext context)
    {
        var index = -1;
        for (var i = 0; i < context.History.Count; i++)
        {
            if (context.History.Epochs[i] == _bestEpoch)
            {
                index = i;
            }
        }

        return _bestEpoch <= 0 || index < 0 ? null : Format(_bestEpoch, context.History.Records[index]);
    }
}
