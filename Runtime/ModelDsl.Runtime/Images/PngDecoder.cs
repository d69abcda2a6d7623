using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// A PNG decoder (all color types, bit depths 1–16, Adam7 interlacing) built on the BCL's zlib
/// (<see cref="ZLibStream"/>). Output is 8-bit gray or RGB; alpha is dropped and 16-bit samples keep their high byte.
/// </summary>
public static class PngDecoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: x start, y start, x step, y step.
    private static readonly int[][] Passes =
    [
        [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
    ];

    public static bool IsPng(ReadOnlySpan<byte> data) => data.Length >= 8 && data[..8].SequenceEqual(Signature);

    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        if (!IsPng(data))
        {
            throw new ImageFormatException("not a PNG file (bad signature)");
        }

        var position = 8;
        int width = 0, height = 0, bitDepth = 0, colorType = -1, interlace = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (position + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            position += 8;
            if (length < 0 || position + length + 4 > data.Length)
            {
                throw new ImageFormatException($"the file is truncated inside a '{System.Text.Encoding.ASCII.GetString(type)}' chunk");
            }

            var body = data.Slice(position, length);
            position += length + 4; // skip the CRC
            if (type.SequenceEqual("IHDR"u8))
            {
                if (length < 13)
                {
                    throw new ImageFormatException("the IHDR chunk is too short");
                }

                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                bitDepth = body[8];
                colorType = body[9];
                interlace = body[12];
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                palette = body.ToArray();
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                sawEnd = true;
                break;
            }
        }

        if (colorType < 0)
        {
            throw new ImageFormatException("the IHDR header chunk is missing");
        }

        if (width <= 0 || height <= 0 || (long)width * height > 1L << 28)
        {
            throw new ImageFormatException($"invalid image size {width}x{height}");
        }

        var samples = colorType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw new ImageFormatException($"unknown PNG color type {colorType}"),
        };
        if (bitDepth is not (1 or 2 or 4 or 8 or 16) || (colorType is 2 or 4 or 6 && bitDepth < 8) || (colorType == 3 && bitDepth == 16))
        {
            throw new ImageFormatException($"invalid bit depth {bitDepth} for color type {colorType}");
        }

        if (colorType == 3 && palette is null)
        {
            throw new ImageFormatException("a palette image without a PLTE chunk");
        }

        if (idat.Length == 0)
        {
            throw new ImageFormatException(sawEnd ? "no image data (IDAT chunks)" : "the file is truncated before the image data");
        }

        var raw = Inflate(idat);
        var bitsPerPixel = samples * bitDepth;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        var outChannels = colorType is 2 or 3 or 6 ? 3 : 1;
        var pixels = new byte[width * height * outChannels];
        var offset = 0;
        if (interlace == 0)
        {
            Unfilter(raw, ref offset, width, height, bitsPerPixel, bytesPerPixel, pixels, 0, 0, 1, 1, colorType, bitDepth, palette, outChannels, width);
        }
        else
        {
            foreach (var pass in Passes)
            {
                var passWidth = (width - pass[0] + pass[2] - 1) / pass[2];
                var passHeight = (height - pass[1] + pass[3] - 1) / pass[3];
                if (passWidth <= 0 || passHeight <= 0)
                {
                    continue;
                }

                Unfilter(raw, ref offset, passWidth, passHeight, bitsPerPixel, bytesPerPixel, pixels, pass[0], pass[1], pass[2], pass[3], colorType, bitDepth, palette, outChannels, width);
            }
        }

        return new DecodedImage(width, height, outChannels, pixels);
    }

    private static byte[] Inflate(MemoryStream compressed)
    {
        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var output = new MemoryStream();
        try
        {
            zlib.CopyTo(output);
        }
        catch (InvalidDataException ex)
        {
            throw new ImageFormatException($"the compressed image data is corrupt ({ex.Message})", ex);
        }

        return output.ToArray();
    }

    private static void Unfilter(
        byte[] raw, ref int offset, int width, int height, int bitsPerPixel, int bytesPerPixel,
        byte[] pixels, int x0, int y0, int dx, int dy, int colorType, int bitDepth, byte[]? palette, int outChannels, int imageWidth)
    {
        var stride = ((width * bitsPerPixel) + 7) / 8;
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            if (offset + 1 + stride > raw.Length)
            {
                throw new ImageFormatException("the image data ends early (truncated file)");
            }

            var filter = raw[offset];
            Array.Copy(raw, offset + 1, current, 0, stride);
            offset += 1 + stride;
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                int up = previous[i];
                int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                current[i] = filter switch
                {
                    0 => current[i],
                    1 => (byte)(current[i] + left),
                    2 => (byte)(current[i] + up),
                    3 => (byte)(current[i] + ((left + up) >> 1)),
                    4 => (byte)(current[i] + Paeth(left, up, upLeft)),
                    _ => throw new ImageFormatException($"unknown row filter {filter}"),
                };
            }

            var targetY = y0 + (y * dy);
            for (var x = 0; x < width; x++)
            {
                var target = ((targetY * imageWidth) + x0 + (x * dx)) * outChannels;
                WritePixel(current, x, colorType, bitDepth, palette, pixels, target);
            }

            (previous, current) = (current, previous);
        }
    }

    private static void WritePixel(byte[] row, int x, int colorType, int bitDepth, byte[]? palette, byte[] pixels, int target)
    {
        int Sample(int index)
        {
            if (bitDepth == 8)
            {
                return row[index];
            }

            if (bitDepth == 16)
            {
                return row[index * 2];
            }

            var bit = index * bitDepth;
            var value = (row[bit >> 3] >> (8 - bitDepth - (bit & 7))) & ((1 << bitDepth) - 1);
            return value;
        }

        switch (colorType)
        {
            case 0:
            case 4:
            {
                var v = Sample(colorType == 0 ? x : x * 2);
                pixels[target] = (byte)(bitDepth < 8 ? v * 255 / ((1 << bitDepth) - 1) : v);
                break;
            }

            case 3:
            {
                var index = Sample(x);
                if ((index * 3) + 2 >= palette!.Length)
                {
                    throw new ImageFormatException($"palette index {index} is outside the palette");
                }

                pixels[target] = palette[index * 3];
                pixels[target + 1] = palette[(index * 3) + 1];
                pixels[target + 2] = palette[(index * 3) + 2];
                break;
            }

            default:
            {
                var step = colorType == 2 ? 3 : 4;
                pixels[target] = (byte)Sample(x * step);
                pixels[target + 1] = (byte)Sample((x * step) + 1);
                pixels[target + 2] = (byte)Sample((x * step) + 2);
                break;
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
