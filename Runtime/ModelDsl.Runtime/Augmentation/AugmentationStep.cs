namespace ModelDsl.Runtime.Augmentation;

/// <summary>One entry of an <c>augment { ... }</c> block.</summary>
public abstract record AugmentationStep;
