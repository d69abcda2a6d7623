namespace ModelDsl.Compiler.Training;

/// <summary>A quantity callbacks watch, checked against what the history records.</summary>
/// <param name="Name">As written: <c>val_loss</c>, <c>accuracy</c>, <c>val_gender_accuracy</c>.</param>
/// <param name="Key">The history key without <c>val_</c> (<c>loss</c>, <c>gender_accuracy</c>).</param>
/// <param name="IsValidation">True for <c>val_*</c>: computed on validation data at the end of each epoch.</param>
/// <param name="Mode">Resolved direction of improvement (auto: min for losses and errors, max otherwise).</param>
public sealed record CheckedMonitor(string Name, string Key, bool IsValidation, MonitorMode Mode)
{
    public override string ToString() => Name;
}
