namespace ModelDsl.Runtime.Augmentation;

/// <summary><c>shift(width: 0.1, height: 0.1)</c>: a translation by a uniform fraction of the width/height in [−f, f].</summary>
public sealed record ShiftStep(double Width, double Height) : AugmentationStep;
