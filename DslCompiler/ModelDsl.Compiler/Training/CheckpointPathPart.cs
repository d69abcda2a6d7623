namespace ModelDsl.Compiler.Training;

/// <summary>One piece of a parsed checkpoint path pattern; runtimes format a path by concatenating the pieces.</summary>
/// <param name="Kind">Literal text, the epoch or the monitored value.</param>
/// <param name="Text">The literal text, or the quantity's history key (<c>val_loss</c>); empty for epoch and monitor.</param>
/// <param name="Width">Zero-padding width for the epoch (0: none).</param>
/// <param name="Decimals">Digits after the point for the monitored value or quantity.</param>
public sealed record CheckpointPathPart(CheckpointPathPartKind Kind, string Text, int Width, int Decimals);
