using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>Writes small IDX files for tests.</summary>
internal static class IdxFiles
{
    public static byte[] UnsignedBytes(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>Writes an image file of <paramref name="count"/> 2×3 images whose pixels are index-derived, and a label file.</summary>
    public static (string Images, string Labels) WriteImagesAndLabels(TempDirectory dir, int count, bool gzip)
    {
        var pixels = new byte[count * 6];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 251);
        }

        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
        }

        var images = UnsignedBytes([count, 2, 3], pixels);
        var labelBytes = UnsignedBytes([count], labels);
        var suffix = gzip ? ".gz" : string.Empty;
        var imagesPath = dir.File("images-idx3-ubyte" + suffix);
        var labelsPath = dir.File("labels-idx1-ubyte" + suffix);
        File.WriteAllBytes(imagesPath, gzip ? Gzip(images) : images);
        File.WriteAllBytes(labelsPath, gzip ? Gzip(labelBytes) : labelBytes);
        return (imagesPath, labelsPath);
    }
}
