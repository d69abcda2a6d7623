using System;

namespace ModelDsl.Runtime.Images;

/// <summary>JPEG detection. Decoding is not implemented yet: such files are reported clearly rather than misread.</summary>
public static class JpegDecoder
{
    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static DecodedImage Decode(ReadOnlySpan<byte> data) =>
        throw new ImageFormatException("JPEG images are not supported by this version of ModelDsl; convert the images to PNG (for example `mogrify -format png *.jpg`)");
}
