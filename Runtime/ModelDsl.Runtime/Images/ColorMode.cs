namespace ModelDsl.Runtime.Images;

/// <summary>The <c>color:</c> setting of image data: three channels or one.</summary>
public enum ColorMode
{
    Rgb,
    Grayscale,
}
