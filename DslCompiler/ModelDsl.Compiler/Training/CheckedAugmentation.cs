namespace ModelDsl.Compiler.Training;

/// <summary>A checked augmentation: flip(horizontal, vertical), rotate(degrees), shift(width, height) as fractions of
/// the image size, zoom(min, max), brightness(min, max) as factors,
/// shear(degrees), rot90(k) as a list of quarter turns. Applied in declaration order to training batches only.</summary>
public sealed record CheckedAugmentation(AugmentationKind Kind, string Name, EquatableArray<ResolvedArgument> Arguments)
{
    public override string ToString() => Name + "(" + string.Join(", ", Arguments) + ")";
}
