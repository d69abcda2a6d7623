namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// <c>zoom(0.9, 1.1)</c>: a magnification by a uniform factor in [min, max] about the centre; above 1 enlarges
/// the content (zooms in), below 1 shrinks it (edges are filled with the nearest border pixel).
/// </summary>
public sealed record ZoomStep(double Min, double Max) : AugmentationStep;
