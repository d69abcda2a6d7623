namespace ModelDsl.Compiler.Training;

/// <summary>The augmentations of <c>data { augment { … } }</c>, applied to training batches only.</summary>
public enum AugmentationKind
{
    Flip,
    Rotate,
    Shift,
    Zoom,
    Brightness,
    Shear,
    Rot90,
}
