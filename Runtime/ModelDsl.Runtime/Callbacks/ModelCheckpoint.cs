using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// <c>checkpoint(path, monitor?, save_best_only = false, every = 1)</c>: every <c>every</c> epochs, writes a
/// checkpoint (weights, optimiser, schedule position, callbacks, history) to the expanded path pattern. With
/// <c>save_best_only</c>, only when the monitored value improved (Keras semantics; the default monitor is
/// <c>val_loss</c>). Files are written atomically and never for an epoch whose loss was NaN.
/// </summary>
public sealed class ModelCheckpoint : ITrainingCallback
{
    private readonly MonitorMode _mode;
    private double _best;

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

        string path;
        try
        {
            path = CheckpointPath.Format(PathPattern, epoch, logs, MonitorName);
        }
        catch (ArgumentException ex)
        {
            throw new TrainingException(ex.Message, ex);
        }

        context.RequestCheckpoint(path);
    }

    public IReadOnlyDictionary<string, double>? SaveState() => new Dictionary<string, double> { ["best"] = _best };

    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _best = state.TryGetValue("best", out var best) ? best : MonitorModes.Worst(_mode);
    }
}
