namespace ModelDsl.Runtime.Augmentation;

/// <summary><c>rotate(degrees: 15)</c>: a rotation by a uniform angle in [−degrees, degrees].</summary>
public sealed record RotateStep(double Degrees) : AugmentationStep;
