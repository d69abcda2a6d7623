using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>Writes tiny PNG and BMP files for tests (filter 0, no interlacing).</summary>
internal static class TestImages
{
    /// <summary>An 8-bit PNG; <paramref name="colorType"/> 0 = gray (1 byte per pixel), 2 = RGB, 6 = RGBA.</summary>
    public static byte[] Png(int width, int height, int colorType, byte[] pixels, byte filter = 0)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 6 => 4, _ => throw new ArgumentException("color type") };
        using var raw = new MemoryStream();
        var stride = width * channels;
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(filter);
            var row = pixels.AsSpan(y * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                var left = i >= channels ? row[i - channels] : 0;
                raw.WriteByte(filter switch
                {
                    0 => row[i],
                    1 => (byte)(row[i] - left),
                    2 => (byte)(row[i] - previous[i]),
                    _ => throw new ArgumentException("filter"),
                });
            }

            row.CopyTo(previous);
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)colorType;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 24-bit bottom-up BMP from RGB pixels.</summary>
    public static byte[] Bmp(int width, int height, byte[] rgb)
    {
        var stride = ((width * 3) + 3) / 4 * 4;
        var data = new byte[54 + (stride * height)];
        data[0] = (byte)'B';
        data[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(2), data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
            {
                var p = ((y * width) + x) * 3;
                data[row + (x * 3)] = rgb[p + 2];
                data[row + (x * 3) + 1] = rgb[p + 1];
                data[row + (x * 3) + 2] = rgb[p];
            }
        }

        return data;
    }

    /// <summary>A solid-color RGB PNG.</summary>
    public static byte[] SolidPng(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            pixels[i * 3] = r;
            pixels[(i * 3) + 1] = g;
            pixels[(i * 3) + 2] = b;
        }

        return Png(width, height, 2, pixels);
    }

    private static void Chunk(Stream png, string type, byte[] body)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(body);
        png.Write(new byte[4]); // CRC: the decoder does not check it
    }
}
