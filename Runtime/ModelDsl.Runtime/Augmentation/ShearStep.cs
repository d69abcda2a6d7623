namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// <c>shear(degrees: 20)</c>: a shear by a uniform angle in [−degrees, degrees], as Keras' <c>shear_range</c>
/// (the output pixel (x, y), relative to the centre, samples the source at (x − sin(s)·y, cos(s)·y)).
/// </summary>
public sealed record ShearStep(double Degrees) : AugmentationStep;
