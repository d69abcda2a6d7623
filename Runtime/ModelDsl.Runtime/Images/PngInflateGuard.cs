using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// Refuses PNG decompression bombs before stb_image sees them. stb_image inflates the whole IDAT stream into a
/// buffer that grows as needed, so a 4×4 image whose IDAT inflates to a gigabyte would allocate a gigabyte. Here
/// the chunk lengths are checked against the file length, and the IDAT stream is inflated once with the BCL's zlib
/// into a small reused buffer, counting bytes, and stopped as soon as it passes what the header's size implies.
/// Everything else (CRCs, filters, palettes, a damaged zlib stream) is left to stb_image.
/// </summary>
internal static class PngInflateGuard
{
    private const int SignatureLength = 8;

    public static void Check(byte[] png, int width, int height)
    {
        using var idat = new MemoryStream();
        var limit = -1L;
        var offset = SignatureLength;
        while (offset + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            var type = png.AsSpan(offset + 4, 4);
            if (length > (ulong)(png.Length - offset - 8))
            {
                throw new ImageFormatException(
                    $"a PNG chunk at byte {offset} declares {length} bytes but only {png.Length - offset - 8} remain (truncated or damaged file)");
            }

            var body = png.AsSpan(offset + 8, (int)length);
            if (type.SequenceEqual("IHDR"u8) && body.Length >= 13)
            {
                limit = RawBytesBound(width, height, bitDepth: body[8], colorType: body[9]);
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            offset += 8 + (int)length + Math.Min(4, png.Length - offset - 8 - (int)length);
        }

        if (limit < 0 || idat.Length == 0)
        {
            return;
        }

        idat.Position = 0;
        var inflated = 0L;
        var buffer = new byte[64 * 1024];
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                inflated += read;
                if (inflated > limit)
                {
                    throw new ImageFormatException(
                        $"the PNG image data inflates to more than the {limit} bytes a {width}x{height} image needs (a decompression bomb?)");
                }
            }
        }
        catch (InvalidDataException)
        {
            // A damaged stream: stb_image reports it in its own words.
        }
    }

    /// <summary>
    /// Twice the filtered scanlines' size (one filter byte per row) plus 4 KB: Adam7's seven passes add filter bytes
    /// and rounding per pass row, never doubling it; a bomb exceeds it by orders of magnitude.
    /// </summary>
    private static long RawBytesBound(int width, int height, int bitDepth, int colorType)
    {
        var samples = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var bitsPerPixel = (long)samples * Math.Max(bitDepth, 1);
        var rowBytes = ((width * bitsPerPixel) + 7) / 8;
        return (2 * height * (rowBytes + 1)) + 4096;
    }
}
