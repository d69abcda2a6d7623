namespace ModelDsl.Runtime.Augmentation;

/// <summary><c>brightness(0.8, 1.2)</c>: every value multiplied by a uniform factor in [min, max] (as Keras' brightness_range).</summary>
public sealed record BrightnessStep(double Min, double Max) : AugmentationStep;
