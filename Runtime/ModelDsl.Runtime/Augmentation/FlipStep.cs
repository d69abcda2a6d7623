namespace ModelDsl.Runtime.Augmentation;

/// <summary><c>flip(horizontal = false, vertical = false)</c>: each enabled flip happens with probability 1/2.</summary>
public sealed record FlipStep(bool Horizontal = false, bool Vertical = false) : AugmentationStep;
