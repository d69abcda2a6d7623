using System;
using System.IO;

namespace ModelDsl.Samples.Transfer;

/// <summary>
/// A small three-class image set, written when no data is given so the sample runs anywhere: 32×32 BMP files of
/// horizontal stripes, vertical stripes and checks, each with random colours, period, phase and noise, in
/// <c>train/CLASS/</c> and <c>validation/CLASS/</c> folders (the layout a <c>folder(...)</c> source reads).
/// </summary>
public static class DemoImages
{
    public static readonly string[] Classes = { "checks", "horizontal", "vertical" };

    private const int Size = 32;

    public static void Write(string root, int trainPerClass, int validationPerClass, int seed)
    {
        var random = new Random(seed);
        foreach (var (split, count) in new[] { ("train", trainPerClass), ("validation", validationPerClass) })
        {
            for (var c = 0; c < Classes.Length; c++)
            {
                var folder = Path.Combine(root, split, Classes[c]);
                Directory.CreateDirectory(folder);
                for (var i = 0; i < count; i++)
                {
                    File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.bmp"), Bmp(Pattern(c, random)));
                }
            }
        }
    }

    // RGB pixels, row-major from the top.
    private static byte[] Pattern(int kind, Random random)
    {
        var period = random.Next(4, 11);
        var phase = random.Next(period);
        var dark = new[] { random.Next(0, 100), random.Next(0, 100), random.Next(0, 100) };
        var light = new[] { random.Next(150, 256), random.Next(150, 256), random.Next(150, 256) };
        var pixels = new byte[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var on = kind switch
                {
                    1 => (y + phase) % period < period / 2,
                    2 => (x + phase) % period < period / 2,
                    _ => ((x + phase) / (period / 2 + 1) + (y + phase) / (period / 2 + 1)) % 2 == 0,
                };
                for (var ch = 0; ch < 3; ch++)
                {
                    var value = (on ? light[ch] : dark[ch]) + random.Next(-20, 21);
                    pixels[((y * Size) + x) * 3 + ch] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }

        return pixels;
    }

    // A 24-bit BMP: the 14-byte file header, the 40-byte BITMAPINFOHEADER, then BGR rows from the bottom (a 32-pixel
    // row is 96 bytes, already a multiple of 4, so no padding).
    private static byte[] Bmp(byte[] rgb)
    {
        var data = Size * Size * 3;
        var file = new byte[54 + data];
        using var writer = new BinaryWriter(new MemoryStream(file));
        writer.Write((byte)'B');
        writer.Write((byte)'M');
        writer.Write(file.Length);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(Size);
        writer.Write(Size);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(0);
        writer.Write(data);
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);
        for (var y = Size - 1; y >= 0; y--)
        {
            for (var x = 0; x < Size; x++)
            {
                var at = ((y * Size) + x) * 3;
                writer.Write(rgb[at + 2]);
                writer.Write(rgb[at + 1]);
                writer.Write(rgb[at]);
            }
        }

        return file;
    }
}
