using System;

namespace ModelDsl.Runtime.Images;

/// <summary>Decodes PNG, BMP or JPEG by content (the magic bytes), not by file extension.</summary>
public static class ImageDecoder
{
    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        if (PngDecoder.IsPng(data))
        {
            return PngDecoder.Decode(data);
        }

        if (BmpDecoder.IsBmp(data))
        {
            return BmpDecoder.Decode(data);
        }

        if (JpegDecoder.IsJpeg(data))
        {
            return JpegDecoder.Decode(data);
        }

        var head = Convert.ToHexString(data[..Math.Min(4, data.Length)]);
        throw new ImageFormatException(
            data.Length == 0 ? "the file is empty" : $"not a PNG, JPEG or BMP image (it starts with bytes {head})");
    }

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
