using System;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class ImageDecoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Png_rgb_decodes_with_every_filter(byte filter)
    {
        var pixels = new byte[3 * 2 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 13);
        }

        var image = ImageDecoder.Decode(TestImages.Png(3, 2, 2, pixels, filter));

        Assert.Equal((3, 2, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Png_gray_and_rgba_decode()
    {
        var gray = ImageDecoder.Decode(TestImages.Png(2, 2, 0, [0, 50, 100, 255]));
        Assert.Equal(1, gray.Channels);
        Assert.Equal(new byte[] { 0, 50, 100, 255 }, gray.Pixels);

        var rgba = ImageDecoder.Decode(TestImages.Png(1, 1, 6, [10, 20, 30, 40]));
        Assert.Equal(new byte[] { 10, 20, 30 }, rgba.Pixels);
    }

    [Fact]
    public void Bmp_decodes_bottom_up_rows()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7];
        var image = ImageDecoder.Decode(TestImages.Bmp(2, 2, rgb));
        Assert.Equal((2, 2, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(rgb, image.Pixels);
    }

    [Fact]
    public void Chw_conversion_and_grayscale()
    {
        var image = new DecodedImage(2, 1, 3, [10, 20, 30, 40, 50, 60]);
        Assert.Equal(new float[] { 10, 40, 20, 50, 30, 60 }, ImageDecoder.ToChw(image, ColorMode.Rgb));
        var gray = ImageDecoder.ToChw(image, ColorMode.Grayscale);
        Assert.Equal((0.299f * 10) + (0.587f * 20) + (0.114f * 30), gray[0], 3);
    }

    [Fact]
    public void Bilinear_resize_keeps_constant_images_and_interpolates()
    {
        var constant = ImageDecoder.ResizeBilinear([5, 5, 5, 5], 1, 2, 2, 3, 5);
        Assert.All(constant, v => Assert.Equal(5f, v));

        // Upscaling [0, 100] to 4 columns with half-pixel centers: 0, 25, 75, 100.
        var ramp = ImageDecoder.ResizeBilinear([0, 100], 1, 1, 2, 1, 4);
        Assert.Equal(new float[] { 0, 25, 75, 100 }, ramp);
    }

    [Fact]
    public void Garbage_and_truncation_are_format_errors()
    {
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode("hello"u8));
        var png = TestImages.SolidPng(4, 4, 1, 2, 3);
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(png.AsSpan(0, png.Length - 20)));
        Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode([0xFF, 0xD8, 0xFF, 0xE0]));
    }
}
