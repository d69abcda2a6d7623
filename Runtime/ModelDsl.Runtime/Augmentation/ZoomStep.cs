namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// <c>zoom(0.9, 1.1)</c>: Keras' <c>zoom_range=[min, max]</c>. Two factors zx, zy are drawn independently and uniformly
/// in [min, max] and the output pixel (x, y), relative to the centre, samples the source at (zx·x, zy·y): a factor
/// above 1 shrinks the content (zooms out, edges filled with the nearest border pixel), below 1 enlarges it (zooms in).
/// </summary>
public sealed record ZoomStep(double Min, double Max) : AugmentationStep;
