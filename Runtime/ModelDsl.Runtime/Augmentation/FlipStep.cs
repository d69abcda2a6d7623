namespace ModelDsl.Runtime.Augmentation;

/// <summary><c>flip(horizontal: true, vertical: false)</c>: each enabled flip happens with probability 1/2.</summary>
public sealed record FlipStep(bool Horizontal = true, bool Vertical = false) : AugmentationStep;
