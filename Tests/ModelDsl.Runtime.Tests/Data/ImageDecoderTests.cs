using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
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

    [Fact]
    public void Palette_png_and_bmp_expand_to_rgb()
    {
        var png = ImageDecoder.Decode(Convert.FromBase64String(ImageFixtures.PalettePng));
        Assert.Equal((3, 2, 3), (png.Width, png.Height, png.Channels));
        Assert.Equal(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7, 0, 0, 255, 0, 255, 0 }, png.Pixels);

        var bmp = ImageDecoder.Decode(Convert.FromBase64String(ImageFixtures.Palette8Bmp));
        Assert.Equal((2, 2, 3), (bmp.Width, bmp.Height, bmp.Channels));
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60, 40, 50, 60, 10, 20, 30 }, bmp.Pixels);
    }

    [Fact]
    public void Sixteen_bit_png_keeps_the_high_byte()
    {
        var image = ImageDecoder.Decode(Convert.FromBase64String(ImageFixtures.Gray16Png));
        Assert.Equal((2, 1, 1), (image.Width, image.Height, image.Channels));
        Assert.Equal(new byte[] { 0x12, 0xAB }, image.Pixels);
    }

    [Theory]
    [InlineData(16_385, 1)]
    [InlineData(60_000, 60_000)]
    [InlineData(int.MaxValue, 2)]
    public void A_header_declaring_more_than_the_limit_is_refused_before_decoding(int width, int height)
    {
        var png = TestImages.SolidPng(1, 1, 0, 0, 0);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);

        var ex = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(png));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limits_are_configurable()
    {
        var png = TestImages.SolidPng(8, 4, 0, 0, 0);
        var ex = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(png, new ImageLimits { MaxWidth = 4 }));
        Assert.Contains("declares 4x8 pixels (height x width) with 1 channel, more than the limit of 16384x4", ex.Message, StringComparison.Ordinal);
        Assert.Equal(8, ImageDecoder.Decode(png, new ImageLimits { MaxWidth = 8 }).Width);
    }

    [Fact]
    public void A_png_whose_data_inflates_far_beyond_its_size_is_a_bomb_not_an_allocation()
    {
        // 4x4 pixels, 256 MB of zeros behind them (about 250 KB compressed).
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 256; i++)
            {
                z.Write(zeros);
            }
        }

        var png = WithIdat(TestImages.SolidPng(4, 4, 0, 0, 0), compressed.ToArray());
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(png));

        Assert.Contains("decompression bomb", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the guard must not buffer the inflated data");
    }

    [Fact]
    public void A_chunk_length_past_the_end_of_the_file_is_a_format_error()
    {
        var png = TestImages.SolidPng(4, 4, 0, 0, 0);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0x7FFFFFF8); // the IDAT chunk's length

        var ex = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(png));

        Assert.Contains("declares 2147483640 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_formats_stb_image_knows_are_still_refused()
    {
        var gif = "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray();
        var ex = Assert.Throws<ImageFormatException>(() => ImageDecoder.Decode(gif));
        Assert.Contains("not a PNG, JPEG or BMP image (it starts with bytes 47494638)", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The PNG with its IDAT chunk's contents replaced by <paramref name="idat"/>.</summary>
    private static byte[] WithIdat(byte[] png, byte[] idat)
    {
        const int idatOffset = 33; // signature 8 + IHDR chunk 25
        var oldLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(idatOffset));
        var tail = png.AsSpan(idatOffset + 12 + oldLength);
        var result = new byte[idatOffset + 12 + idat.Length + tail.Length];
        png.AsSpan(0, idatOffset + 8).CopyTo(result);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(idatOffset), idat.Length);
        idat.CopyTo(result, idatOffset + 8);
        tail.CopyTo(result.AsSpan(idatOffset + 12 + idat.Length));
        return result;
    }
}
