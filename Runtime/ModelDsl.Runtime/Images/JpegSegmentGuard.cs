using System;
using System.Buffers.Binary;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// Checks a JPEG's marker segments before stb_image reads them: from the start-of-image marker to the first
/// start-of-scan, every segment's declared length must fit in the file. stb_image's port loops forever on a
/// segment length that points past the end of the data (found by <c>ImageFuzzTests</c>: an APP0 length of 0xFFFF);
/// here that is an <see cref="ImageFormatException"/>. The entropy-coded data after the scan header is left to stb_image.
/// </summary>
internal static class JpegSegmentGuard
{
    public static void Check(ReadOnlySpan<byte> jpeg)
    {
        var offset = 2; // after FF D8
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            while (offset < jpeg.Length && jpeg[offset] == 0xFF && offset + 1 < jpeg.Length && jpeg[offset + 1] == 0xFF)
            {
                offset++;
            }

            if (offset + 4 > jpeg.Length)
            {
                throw new ImageFormatException($"the JPEG file is truncated in its headers (at byte {offset})");
            }

            if (jpeg[offset] != 0xFF)
            {
                throw new ImageFormatException($"the JPEG headers are damaged (no marker at byte {offset})");
            }

            var marker = jpeg[offset + 1];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                // Markers without a length.
                offset += 2;
                continue;
            }

            if (marker == 0xD9)
            {
                throw new ImageFormatException("the JPEG file ends before its image data");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(offset + 2)..]);
            if (length < 2 || offset + 2 + length > jpeg.Length)
            {
                throw new ImageFormatException(
                    $"a JPEG segment at byte {offset} declares {length} bytes but only {jpeg.Length - offset - 2} remain (truncated or damaged file)");
            }

            if (marker == 0xDA)
            {
                return;
            }

            offset += 2 + length;
        }
    }
}
