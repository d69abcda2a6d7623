using System;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class JpegDecoderTests
{
    [Theory]
    [InlineData(JpegFixtures.Color420Jpeg, JpegFixtures.Color420Pixels, 3)]
    [InlineData(JpegFixtures.Color444RestartJpeg, JpegFixtures.Color444RestartPixels, 3)]
    [InlineData(JpegFixtures.GrayJpeg, JpegFixtures.GrayPixels, 1)]
    public void Decodes_like_libjpeg(string jpeg, string pixels, int channels)
    {
        var image = ImageDecoder.Decode(Convert.FromBase64String(jpeg));
        var expected = Convert.FromBase64String(pixels);

        Assert.Equal((19, 13, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(expected.Length, image.Pixels.Length);
        var worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - image.Pixels[i]));
        }

        Assert.True(worst <= 3, $"largest difference from libjpeg: {worst}");
    }

    [Fact]
    public void Progressive_and_truncated_files_are_explained()
    {
        var progressive = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(Convert.FromBase64String(JpegFixtures.ProgressiveJpeg)));
        Assert.Contains("progressive", progressive.Message, StringComparison.Ordinal);

        var bytes = Convert.FromBase64String(JpegFixtures.Color420Jpeg);
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(bytes.AsSpan(0, 100)));
    }
}
