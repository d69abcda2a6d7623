using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using StbImageSharp;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// Decodes PNG, BMP or JPEG by content (the magic bytes), not by file extension, with StbImageSharp (a port of
/// stb_image). Output is 8-bit gray or RGB: alpha is dropped, palettes are expanded, 16-bit samples keep their high
/// byte; progressive JPEG is supported, EXIF orientation is not applied. The declared size is checked against
/// <see cref="Limits"/> before decoding, and a PNG's compressed data may not inflate to more than its header
/// implies (<see cref="PngInflateGuard"/>), so a decompression bomb is an <see cref="ImageFormatException"/>; a
/// JPEG's header segments must fit in the file (<see cref="JpegSegmentGuard"/>).
/// Every failure is an <see cref="ImageFormatException"/> saying what is wrong; loaders add the file name.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The limits every decode of this process checks (default <see cref="ImageLimits.Default"/>).</summary>
    public static ImageLimits Limits { get; set; } = ImageLimits.Default;

    public static DecodedImage Decode(ReadOnlySpan<byte> data) => Decode(data, Limits);

    public static DecodedImage Decode(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var format = FormatOf(data);
        if (format is null)
        {
            var head = Convert.ToHexString(data[..Math.Min(4, data.Length)]);
            throw new ImageFormatException(
                data.Length == 0 ? "the file is empty" : $"not a PNG, JPEG or BMP image (it starts with bytes {head})");
        }

        if (DeclaredSize(data, format) is var (declaredWidth, declaredHeight))
        {
            CheckLimits(declaredWidth, declaredHeight, channels: 1, format, limits);
        }

        if (format == "JPEG")
        {
            JpegSegmentGuard.Check(data);
        }

        if (format == "JPEG" && data.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]) is var scan
            && (scan < 0 || data.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < scan))
        {
            // stb_image pads a truncated scan with zeros; a half-downloaded photo is an error, not a grey image.
            throw new ImageFormatException(scan < 0
                ? "the JPEG file is truncated (it has no image data)"
                : "the JPEG file is truncated (its image data has no end-of-image marker)");
        }

        var bytes = data.ToArray();
        var header = ReadHeader(bytes, format);
        var gray = header.ColorComponents is ColorComponents.Grey or ColorComponents.GreyAlpha;
        var channels = gray ? 1 : 3;
        if (header.Width <= 0 || header.Height <= 0)
        {
            throw new ImageFormatException($"invalid image size {header.Width}x{header.Height} in the {format} header");
        }

        CheckLimits(header.Width, header.Height, ChannelsOf(header.ColorComponents), format, limits);
        if (format == "PNG")
        {
            PngInflateGuard.Check(bytes, header.Width, header.Height);
        }

        ImageResult result;
        try
        {
            result = ImageResult.FromMemory(bytes, gray ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (OutOfMemoryException ex)
        {
            throw new ImageFormatException($"the {format} image is too large to decode", ex);
        }
        catch (Exception ex) when (ex is not ImageFormatException)
        {
            // stb_image reports a damaged stream as InvalidOperationException with its reason ("bad huffman code");
            // anything else it throws on hostile input is the same kind of failure.
            throw new ImageFormatException($"the {format} data is damaged or unsupported ({Reason(ex)})", ex);
        }

        if (result.Data is null || result.Data.Length != (long)result.Width * result.Height * channels)
        {
            throw new ImageFormatException($"the {format} data is damaged (the decoder returned no pixels)");
        }

        return new DecodedImage(result.Width, result.Height, channels, result.Data);
    }

    private static string? FormatOf(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "PNG"
        : data.StartsWith("BM"u8) ? "BMP"
        : data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "JPEG"
        : null;

    private static ImageInfo ReadHeader(byte[] bytes, string format)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            if (ImageInfo.FromStream(stream) is { } info)
            {
                return info;
            }
        }
        catch (Exception ex)
        {
            throw new ImageFormatException($"the {format} header is damaged ({Reason(ex)})", ex);
        }

        throw new ImageFormatException(
            bytes.Length < 64 ? $"the {format} file is truncated ({bytes.Length} bytes)" : $"the {format} header is damaged or unsupported");
    }

    /// <summary>
    /// The size a PNG or BMP header declares, read before stb_image so an oversized image is reported against the
    /// limits (stb_image itself only says "too large"); null for JPEG, whose size stb_image's header scan returns.
    /// </summary>
    private static (long Width, long Height)? DeclaredSize(ReadOnlySpan<byte> data, string format) =>
        format switch
        {
            "PNG" when data.Length >= 24 => (BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..])),
            "BMP" when data.Length >= 26 => (Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[18..])), Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..]))),
            _ => null,
        };

    private static int ChannelsOf(ColorComponents components) => components switch
    {
        ColorComponents.Grey => 1,
        ColorComponents.GreyAlpha => 2,
        ColorComponents.RedGreenBlue => 3,
        _ => 4,
    };

    private static void CheckLimits(long width, long height, int channels, string format, ImageLimits limits)
    {
        var bytes = width * height * channels;
        if (width > limits.MaxWidth || height > limits.MaxHeight || bytes > limits.MaxDecodedBytes)
        {
            throw new ImageFormatException(
                $"the {format} header declares {height}x{width} pixels (height x width) with {channels} channel{(channels == 1 ? string.Empty : "s")}, " +
                $"more than the limit of {limits.MaxHeight}x{limits.MaxWidth} and {limits.MaxDecodedBytes.ToString("N0", CultureInfo.InvariantCulture)} decoded bytes " +
                "(ImageDecoder.Limits); resize the image or raise the limit");
        }
    }

    private static string Reason(Exception ex) =>
        string.IsNullOrWhiteSpace(ex.Message) ? ex.GetType().Name : ex.Message.Split('\n')[0].TrimEnd('.');

    /// <summary>
    /// Converts to channels-first floats in 0–255, converting color (ITU-R 601 luma for grayscale) and resizing
    /// bilinearly (half-pixel centers, as PyTorch's <c>align_corners=False</c>) to <paramref name="height"/>×<paramref name="width"/>
    /// when given.
    /// </summary>
    public static float[] ToChw(DecodedImage image, ColorMode color, int? height = null, int? width = null)
    {
        var outH = height ?? image.Height;
        var outW = width ?? image.Width;
        var channels = color == ColorMode.Rgb ? 3 : 1;
        var source = new float[image.Height * image.Width * channels];
        var pixels = image.Pixels;
        var plane = image.Height * image.Width;
        for (var i = 0; i < plane; i++)
        {
            if (image.Channels == 1)
            {
                for (var c = 0; c < channels; c++)
                {
                    source[(c * plane) + i] = pixels[i];
                }
            }
            else if (channels == 3)
            {
                source[i] = pixels[i * 3];
                source[plane + i] = pixels[(i * 3) + 1];
                source[(2 * plane) + i] = pixels[(i * 3) + 2];
            }
            else
            {
                source[i] = (0.299f * pixels[i * 3]) + (0.587f * pixels[(i * 3) + 1]) + (0.114f * pixels[(i * 3) + 2]);
            }
        }

        return outH == image.Height && outW == image.Width
            ? source
            : ResizeBilinear(source, channels, image.Height, image.Width, outH, outW);
    }

    /// <summary>Bilinear resize of a CHW float image.</summary>
    public static float[] ResizeBilinear(float[] source, int channels, int inH, int inW, int outH, int outW)
    {
        var result = new float[channels * outH * outW];
        var scaleY = (double)inH / outH;
        var scaleX = (double)inW / outW;
        for (var y = 0; y < outH; y++)
        {
            var sy = Math.Clamp(((y + 0.5) * scaleY) - 0.5, 0, inH - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, inH - 1);
            var fy = (float)(sy - y0);
            for (var x = 0; x < outW; x++)
            {
                var sx = Math.Clamp(((x + 0.5) * scaleX) - 0.5, 0, inW - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, inW - 1);
                var fx = (float)(sx - x0);
                for (var c = 0; c < channels; c++)
                {
                    var p = c * inH * inW;
                    var top = source[p + (y0 * inW) + x0] + ((source[p + (y0 * inW) + x1] - source[p + (y0 * inW) + x0]) * fx);
                    var bottom = source[p + (y1 * inW) + x0] + ((source[p + (y1 * inW) + x1] - source[p + (y1 * inW) + x0]) * fx);
                    result[(c * outH * outW) + (y * outW) + x] = top + ((bottom - top) * fy);
                }
            }
        }

        return result;
    }
}
