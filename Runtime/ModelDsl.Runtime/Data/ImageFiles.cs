using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>Loads image files into CHW floats, turning every failure into a <see cref="DataException"/> naming the file.</summary>
public static class ImageFiles
{
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".bmp", ".jpg", ".jpeg"];

    public static bool HasImageExtension(string path) =>
        Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads and decodes <paramref name="path"/>, resized to <paramref name="size"/> when given; otherwise its size must
    /// equal <paramref name="expected"/> (the first image's). <paramref name="context"/> (e.g. "row 7 of labels.csv") is added to errors.
    /// </summary>
    public static (float[] Chw, ImageSize Size) Load(string path, ColorMode color, ImageSize? size, string? context = null, ImageSize? expected = null) =>
        LoadSized(path, color, new ImageGeometry(size), context, expected);

    /// <summary>
    /// Reads and decodes <paramref name="path"/>, sized by <paramref name="geometry"/>; unless that fixes the size, the
    /// result must be <paramref name="expected"/> (the first image's). Returns the image and its size after resizing and cropping.
    /// </summary>
    public static (float[] Chw, ImageSize Size) LoadSized(string path, ColorMode color, ImageGeometry geometry, string? context = null, ImageSize? expected = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var where = context is null ? string.Empty : $" ({context})";
        byte[] bytes;
        try
        {
            if (InputFiles.Problem(path, ImageDecoder.Limits.MaxFileBytes) is { } problem)
            {
                throw new DataException($"Image '{path}'{where} {problem}.") { Path = path };
            }

            bytes = InputFiles.ReadAllBytes(path, ImageDecoder.Limits.MaxFileBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException($"Image '{path}'{where} does not exist{DataPaths.DescribeMissing(path)}.", ex) { Path = path };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataException($"Image '{path}'{where} could not be read: {ex.Message}", ex) { Path = path };
        }

        DecodedImage image;
        try
        {
            image = ImageDecoder.Decode(bytes);
        }
        catch (ImageFormatException ex)
        {
            throw new DataException($"Image '{path}'{where} could not be decoded: {ex.Message}. Fix or remove the file.", ex) { Path = path };
        }

        if (expected is { } e && !geometry.FixesSize && geometry.Resized(new ImageSize(image.Height, image.Width)) is var resized && resized != e)
        {
            var what = geometry.ShorterSide is { } shorter ? $"resizes to {resized.Height}x{resized.Width} with resize: {shorter}" : $"is {image.Height}x{image.Width} (height x width)";
            throw new DataException(
                $"Image '{path}'{where} {what} but earlier images are {e.Height}x{e.Width}; " +
                (geometry.ShorterSide is null ? "give the data a size: (h, w) so every image is resized to it." : "add crop: (h, w) so every image is cropped to one size."))
            { Path = path };
        }

        return geometry.Apply(image, color, path + where);
    }
}
