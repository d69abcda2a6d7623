using System;
using System.Buffers.Binary;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// A BMP decoder: uncompressed 1/4/8-bit palette, 16/24/32-bit direct color (BI_RGB and BI_BITFIELDS),
/// bottom-up or top-down. RLE-compressed files are rejected with a clear message.
/// </summary>
public static class BmpDecoder
{
    public static bool IsBmp(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == (byte)'B' && data[1] == (byte)'M';

    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        if (!IsBmp(data) || data.Length < 26)
        {
            throw new ImageFormatException("not a BMP file or the header is truncated");
        }

        var pixelOffset = BinaryPrimitives.ReadInt32LittleEndian(data[10..]);
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        int width, height, bitCount, compression = 0, colorsUsed = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(data[20..]);
            bitCount = BinaryPrimitives.ReadInt16LittleEndian(data[24..]);
        }
        else
        {
            if (headerSize < 40 || data.Length < 14 + 40)
            {
                throw new ImageFormatException($"unsupported or truncated BMP header ({headerSize} bytes)");
            }

            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
            bitCount = BinaryPrimitives.ReadInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadInt32LittleEndian(data[30..]);
            colorsUsed = BinaryPrimitives.ReadInt32LittleEndian(data[46..]);
        }

        var topDown = height < 0;
        height = Math.Abs(height);
        if (width <= 0 || height <= 0 || (long)width * height > 1L << 28)
        {
            throw new ImageFormatException($"invalid image size {width}x{height}");
        }

        if (compression is 1 or 2)
        {
            throw new ImageFormatException("RLE-compressed BMP files are not supported; save the image uncompressed or as PNG");
        }

        if (compression is not (0 or 3 or 6))
        {
            throw new ImageFormatException($"unsupported BMP compression {compression}");
        }

        uint redMask = 0, greenMask = 0, blueMask = 0;
        if (compression is 3 or 6)
        {
            var maskAt = 14 + 40;
            if (data.Length < maskAt + 12)
            {
                throw new ImageFormatException("the color masks are truncated");
            }

            redMask = BinaryPrimitives.ReadUInt32LittleEndian(data[maskAt..]);
            greenMask = BinaryPrimitives.ReadUInt32LittleEndian(data[(maskAt + 4)..]);
            blueMask = BinaryPrimitives.ReadUInt32LittleEndian(data[(maskAt + 8)..]);
        }
        else if (bitCount == 16)
        {
            (redMask, greenMask, blueMask) = (0x7C00, 0x03E0, 0x001F);
        }
        else if (bitCount == 32)
        {
            (redMask, greenMask, blueMask) = (0x00FF0000, 0x0000FF00, 0x000000FF);
        }

        byte[]? palette = null;
        if (bitCount <= 8)
        {
            if (bitCount is not (1 or 4 or 8))
            {
                throw new ImageFormatException($"unsupported bit count {bitCount}");
            }

            var entries = colorsUsed > 0 ? colorsUsed : 1 << bitCount;
            var entrySize = headerSize == 12 ? 3 : 4;
            var paletteAt = 14 + headerSize;
            if (paletteAt + (entries * entrySize) > data.Length)
            {
                throw new ImageFormatException("the palette is truncated");
            }

            palette = new byte[entries * 3];
            for (var i = 0; i < entries; i++)
            {
                var e = data.Slice(paletteAt + (i * entrySize), 3);
                palette[i * 3] = e[2];
                palette[(i * 3) + 1] = e[1];
                palette[(i * 3) + 2] = e[0];
            }
        }
        else if (bitCount is not (16 or 24 or 32))
        {
            throw new ImageFormatException($"unsupported bit count {bitCount}");
        }

        var stride = (((width * bitCount) + 31) / 32) * 4;
        if (pixelOffset < 0 || pixelOffset + ((long)stride * height) > data.Length)
        {
            throw new ImageFormatException($"the pixel data is truncated: {width}x{height} at {bitCount} bits needs {(long)stride * height} bytes");
        }

        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = data.Slice(pixelOffset + (stride * (topDown ? y : height - 1 - y)), stride);
            for (var x = 0; x < width; x++)
            {
                var target = ((y * width) + x) * 3;
                if (palette is not null)
                {
                    var bit = x * bitCount;
                    var index = (row[bit >> 3] >> (8 - bitCount - (bit & 7))) & ((1 << bitCount) - 1);
                    if ((index * 3) + 2 >= palette.Length)
                    {
                        throw new ImageFormatException($"palette index {index} is outside the palette");
                    }

                    pixels[target] = palette[index * 3];
                    pixels[target + 1] = palette[(index * 3) + 1];
                    pixels[target + 2] = palette[(index * 3) + 2];
                }
                else if (bitCount == 24 && compression == 0)
                {
                    pixels[target] = row[(x * 3) + 2];
                    pixels[target + 1] = row[(x * 3) + 1];
                    pixels[target + 2] = row[x * 3];
                }
                else
                {
                    uint value = bitCount == 16
                        ? BinaryPrimitives.ReadUInt16LittleEndian(row[(x * 2)..])
                        : BinaryPrimitives.ReadUInt32LittleEndian(row[(x * 4)..]);
                    pixels[target] = Channel(value, redMask);
                    pixels[target + 1] = Channel(value, greenMask);
                    pixels[target + 2] = Channel(value, blueMask);
                }
            }
        }

        return new DecodedImage(width, height, 3, pixels);
    }

    private static byte Channel(uint value, uint mask)
    {
        if (mask == 0)
        {
            return 0;
        }

        var shift = System.Numerics.BitOperations.TrailingZeroCount(mask);
        var max = mask >> shift;
        return (byte)((((value & mask) >> shift) * 255) / max);
    }
}
