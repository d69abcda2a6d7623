namespace ModelDsl.Compiler.Training;

/// <summary><c>checkpoint(path, monitor?, save_best_only = false, every = 1)</c>, checked. A checkpoint holds weights,
/// optimiser state, schedule state and the epoch, so training resumes exactly.</summary>
/// <param name="Path">The pattern as written (relative to the <c>.model</c> file's directory).</param>
/// <param name="PathParts">The pattern split into literal text and placeholders.</param>
/// <param name="Monitor">The watched quantity; with <c>save_best_only</c> and no monitor it is <c>val_loss</c> (Keras).</param>
/// <param name="SaveBestOnly">Save only when the monitor improved.</param>
/// <param name="Every">Save every N epochs.</param>
public sealed record CheckedCheckpoint(string Path, EquatableArray<CheckpointPathPart> PathParts, CheckedMonitor? Monitor, bool SaveBestOnly, int Every);
