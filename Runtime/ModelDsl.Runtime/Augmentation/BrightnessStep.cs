namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// <c>brightness(0.8, 1.2)</c>: every value multiplied by a uniform factor in [min, max] and clipped to the pixel range
/// [0, 255], as Keras' <c>brightness_range</c> (which goes through an 8-bit image). It runs before normalisation, on
/// pixel values as loaded.
/// </summary>
public sealed record BrightnessStep(double Min, double Max) : AugmentationStep;
