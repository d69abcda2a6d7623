using System;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class JpegTests
{
    [Theory]
    [InlineData(JpegFixtures.Color420Jpeg, ImageFixtures.Color420FancyPixels, 3)]
    [InlineData(JpegFixtures.Color444RestartJpeg, JpegFixtures.Color444RestartPixels, 3)]
    [InlineData(JpegFixtures.GrayJpeg, JpegFixtures.GrayPixels, 1)]
    public void Decodes_like_libjpeg(string jpeg, string pixels, int channels)
    {
        var image = ImageDecoder.Decode(Convert.FromBase64String(jpeg));
        var expected = Convert.FromBase64String(pixels);

        Assert.Equal((19, 13, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(expected.Length, image.Pixels.Length);
        Assert.True(Worst(expected, image.Pixels) <= 3, $"largest difference from libjpeg: {Worst(expected, image.Pixels)}");
    }

    [Fact]
    public void Progressive_jpeg_decodes_like_libjpeg()
    {
        var image = ImageDecoder.Decode(Convert.FromBase64String(JpegFixtures.ProgressiveJpeg));
        var expected = Convert.FromBase64String(ImageFixtures.ProgressivePixels);

        Assert.Equal((19, 13, 3), (image.Width, image.Height, image.Channels));
        Assert.True(Worst(expected, image.Pixels) <= 3, $"largest difference from libjpeg: {Worst(expected, image.Pixels)}");
    }

    [Fact]
    public void Truncated_files_are_format_errors()
    {
        var bytes = Convert.FromBase64String(JpegFixtures.Color420Jpeg);
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(bytes.AsSpan(0, 100)));
    }

    private static int Worst(byte[] expected, byte[] actual)
    {
        var worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        return worst;
    }
}
