using System;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// How an image source sizes its images, in this order: <see cref="Size"/> (<c>size: (h, w)</c>, resize to exactly h×w)
/// or <see cref="ShorterSide"/> (<c>resize: n</c>, torchvision's <c>Resize(n)</c>: the shorter side becomes n, the
/// longer one keeps the aspect ratio), then <see cref="Crop"/> (<c>crop: (h, w)</c>, torchvision's
/// <c>CenterCrop((h, w))</c>). Resizing is bilinear with half-pixel centres and no antialiasing, as torchvision on
/// tensors (<c>F.interpolate(..., mode="bilinear", align_corners=False)</c>).
/// </summary>
public sealed record ImageGeometry(ImageSize? Size = null, int? ShorterSide = null, ImageSize? Crop = null)
{
    public static ImageGeometry AsIs { get; } = new();

    /// <summary>True when every image comes out at the same size whatever its own (an exact size or a crop).</summary>
    public bool FixesSize => Size is not null || Crop is not null;

    /// <summary>The size an image of <paramref name="original"/> becomes, before the crop.</summary>
    public ImageSize Resized(ImageSize original)
    {
        if (Size is { } size)
        {
            return size;
        }

        if (ShorterSide is not { } shorter)
        {
            return original;
        }

        // torchvision's _compute_resized_output_size: new_long = int(size * long / short), truncated.
        var (h, w) = (original.Height, original.Width);
        return w <= h
            ? new ImageSize((int)((double)shorter * h / w), shorter)
            : new ImageSize(shorter, (int)((double)shorter * w / h));
    }

    /// <summary>Resizes and crops a decoded image; <paramref name="path"/> names it in errors.</summary>
    public (float[] Chw, ImageSize Size) Apply(DecodedImage image, ColorMode color, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        var original = new ImageSize(image.Height, image.Width);
        var resized = Resized(original);
        if (resized.Height < 1 || resized.Width < 1)
        {
            throw new DataException($"Image '{path}' is {image.Height}x{image.Width}; resize: {ShorterSide} would make a side 0 pixels.") { Path = path };
        }

        var chw = ImageDecoder.ToChw(image, color, resized.Height, resized.Width);
        if (Crop is not { } crop)
        {
            return (chw, resized);
        }

        if (crop.Height > resized.Height || crop.Width > resized.Width)
        {
            var why = Size is null && ShorterSide is null ? "the image" : "the resized image";
            throw new DataException(
                $"Image '{path}' is {image.Height}x{image.Width} (height x width); {why} is {resized.Height}x{resized.Width}, smaller than crop: ({crop.Height}, {crop.Width}). " +
                "Give a resize: at least as large as the crop, or remove the image.")
            { Path = path };
        }

        return (CenterCrop(chw, color == ColorMode.Rgb ? 3 : 1, resized, crop), crop);
    }

    /// <summary>torchvision's center_crop: top = int(round((H − h) / 2)), left likewise, Python rounding half to even.</summary>
    public static float[] CenterCrop(float[] chw, int channels, ImageSize from, ImageSize to)
    {
        ArgumentNullException.ThrowIfNull(chw);
        var top = (int)Math.Round((from.Height - to.Height) / 2.0, MidpointRounding.ToEven);
        var left = (int)Math.Round((from.Width - to.Width) / 2.0, MidpointRounding.ToEven);
        var result = new float[channels * to.Height * to.Width];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < to.Height; y++)
            {
                Array.Copy(chw, (c * from.Height * from.Width) + ((top + y) * from.Width) + left, result, (c * to.Height * to.Width) + (y * to.Width), to.Width);
            }
        }

        return result;
    }
}
