namespace ModelDsl.Compiler.Training;

/// <summary><c>early_stopping(monitor = val_loss, patience = 0, min_delta = 0, mode = auto, restore_best = false)</c>, checked.
/// Training stops when <see cref="Monitor"/> has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs after the last improvement (Keras semantics).</summary>
public sealed record CheckedEarlyStopping(CheckedMonitor Monitor, int Patience, double MinDelta, bool RestoreBest);
