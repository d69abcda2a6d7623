using System;
using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// <c>early_stopping(monitor, patience, min_delta, mode, restore_best)</c> with Keras semantics: training stops
/// once the monitored value has not improved by more than <c>min_delta</c> for <c>patience</c> epochs in a row
/// (patience 0 and 1 both stop at the first epoch without improvement, as in Keras). With <c>restore_best</c>, the weights of the best
/// epoch are put back when training ends (as Keras 3, also when all epochs ran).
/// </summary>
/// <remarks>
/// The best weights are kept as an in-memory snapshot and also written into checkpoints, so a resumed run restores
/// the same best epoch as an uninterrupted one.
/// </remarks>
public sealed class EarlyStopping : ITrainingCallback
{
    private readonly MonitorMode _mode;
    private double _best;
    private int _wait;
    private int _bestEpoch;
    private object? _bestWeights;

    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, MonitorMode mode = MonitorMode.Auto, bool restoreBest = false)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        RestoreBest = restoreBest;
        _mode = MonitorModes.Resolve(mode, monitor);
        _best = MonitorModes.Worst(_mode);
    }

    public string Monitor { get; }

    public int Patience { get; }

    public double MinDelta { get; }

    public bool RestoreBest { get; }

    /// <summary>The epoch (1-based) with the best monitored value so far; 0 before the first epoch.</summary>
    public int BestEpoch => _bestEpoch;

    public double Best => _best;

    /// <summary>The epoch at which training was stopped, or 0.</summary>
    public int StoppedEpoch { get; private set; }

    string ITrainingCallback.StateKey => "early_stopping";

    string? ITrainingCallback.Monitor => Monitor;

    public void OnEpochEnd(TrainingContext context, int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue(Monitor, out var current))
        {
            return;
        }

        // An epoch whose losses or weights are not finite is never the best one (its weights are no good to restore).
        if (context.EpochNotGood is null && MonitorModes.IsImprovement(_mode, current, _best, MinDelta))
        {
            _best = current;
            _bestEpoch = epoch;
            _wait = 0;
            if (RestoreBest)
            {
                _bestWeights = context.Session.SnapshotWeights();
            }

            return;
        }

        _wait++;
        // Keras: stop once `wait >= patience` (so patience 0 stops at the first epoch without improvement).
        if (_wait >= Patience)
        {
            StoppedEpoch = epoch;
            context.RequestStop(
                StopReason.EarlyStopping,
                $"Early stopping at epoch {epoch}: {Monitor} has not improved for {_wait} epoch{(_wait == 1 ? string.Empty : "s")} " +
                $"(best {_best.ToString("G6", CultureInfo.InvariantCulture)} at epoch {_bestEpoch}).");
        }
    }

    public void OnTrainEnd(TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RestoreBest && _bestWeights is not null)
        {
            context.Session.RestoreWeights(_bestWeights);
            context.Progress.Message($"Restored the weights of epoch {_bestEpoch} ({Monitor} {_best.ToString("G6", CultureInfo.InvariantCulture)}).");
        }
    }

    object? ITrainingCallback.SavedWeights
    {
        get => RestoreBest ? _bestWeights : null;
        set => _bestWeights = value;
    }

    public IReadOnlyDictionary<string, double>? SaveState() =>
        new Dictionary<string, double> { ["best"] = _best, ["wait"] = _wait, ["best_epoch"] = _bestEpoch };

    public void LoadState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _best = state.TryGetValue("best", out var best) ? best : MonitorModes.Worst(_mode);
        _wait = state.TryGetValue("wait", out var wait) ? (int)wait : 0;
        _bestEpoch = state.TryGetValue("best_epoch", out var bestEpoch) ? (int)bestEpoch : 0;
    }
}
