using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using ModelDsl.Runtime.Tests.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Preprocessing;

/// <summary>
/// resize: n (shorter side, aspect kept) and crop: (h, w) (centre) against torchvision 0.14's Resize(n) +
/// CenterCrop((h, w)) on tensors, computed by tools/torchvision-fixtures/resize_crop.py for each case.
/// </summary>
public sealed class ImageGeometryTests
{
    [Theory]
    [InlineData(40, 30, 3, 16, 12, 12)]  // portrait: the width is the shorter side
    [InlineData(30, 41, 3, 16, 16, 14)]  // landscape, 41 * 16 / 30 = 21.87 truncated to 21
    [InlineData(17, 23, 1, 0, 10, 9)]    // crop only, odd margins (Python's round half to even)
    [InlineData(12, 20, 3, 24, 20, 31)]  // enlarging
    [InlineData(25, 25, 3, 9, 0, 0)]     // resize only
    public void Resize_and_centre_crop_match_torchvision(int height, int width, int channels, int resize, int cropHeight, int cropWidth)
    {
        var random = new Random(height * 100 + width);
        var pixels = new byte[height * width * channels];
        random.NextBytes(pixels);
        var geometry = new ImageGeometry(null, resize == 0 ? null : resize, cropHeight == 0 ? null : new ImageSize(cropHeight, cropWidth));

        var (chw, size) = geometry.Apply(new DecodedImage(width, height, channels, pixels), channels == 3 ? ColorMode.Rgb : ColorMode.Grayscale, "test.png");

        var (expected, expectedSize) = Torchvision(pixels, height, width, channels, resize, cropHeight, cropWidth);
        Assert.Equal(expectedSize, size);
        Assert.Equal(expected.Length, chw.Length);
        var worst = expected.Zip(chw, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-3, $"largest difference from torchvision {worst}");
    }

    [Fact]
    public void Shorter_side_sizes_follow_torchvision()
    {
        var geometry = new ImageGeometry(ShorterSide: 256);
        Assert.Equal(new ImageSize(256, 341), geometry.Resized(new ImageSize(375, 500))); // int(256 * 500 / 375) = 341
        Assert.Equal(new ImageSize(384, 256), geometry.Resized(new ImageSize(600, 400)));
        Assert.Equal(new ImageSize(256, 256), geometry.Resized(new ImageSize(100, 100)));
    }

    [Fact]
    public void A_crop_larger_than_the_image_is_an_error_naming_the_file()
    {
        var geometry = new ImageGeometry(ShorterSide: 8, Crop: new ImageSize(10, 10));
        var error = Assert.Throws<DataException>(() => geometry.Apply(new DecodedImage(20, 16, 1, new byte[320]), ColorMode.Grayscale, "cats/tiny.png"));
        Assert.Contains("cats/tiny.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("8x10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_mixed_sizes_loads_at_the_crop_size()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        File.WriteAllBytes(dir.File("a/wide.png"), TestImages.SolidPng(40, 20, 10, 20, 30));
        File.WriteAllBytes(dir.File("b/tall.png"), TestImages.SolidPng(16, 30, 200, 100, 0));

        var data = ImageFolderLoader.Load(dir.Path, color: ColorMode.Rgb, resize: 16, crop: new ImageSize(12, 14));
        Assert.Equal(new[] { 3, 12, 14 }, data.Features.ExampleShape);
        Assert.Equal(2, data.Count);

        // Without a crop, differently shaped images resize to different sizes: refused, naming the image and the fix.
        var error = Assert.Throws<DataException>(() => ImageFolderLoader.Load(dir.Path, color: ColorMode.Rgb, resize: 16));
        Assert.Contains("add crop: (h, w)", error.Message, StringComparison.Ordinal);
    }

    private static (float[] Chw, ImageSize Size) Torchvision(byte[] pixels, int height, int width, int channels, int resize, int cropHeight, int cropWidth)
    {
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(input, pixels);
            var script = Path.Combine(Repository(), "tools", "torchvision-fixtures", "resize_crop.py");
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { script, input, $"{height}", $"{width}", $"{channels}", $"{resize}", $"{cropHeight}", $"{cropWidth}", output })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)) && process.ExitCode == 0, $"{script} failed (python3-torchvision needed): {error.Result}");
            var bytes = File.ReadAllBytes(output);
            var size = new ImageSize(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4));
            var values = new float[(bytes.Length - 8) / 4];
            Buffer.BlockCopy(bytes, 8, values, 0, values.Length * 4);
            return (values, size);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tools", "torchvision-fixtures")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository's tools folder was not found");
    }
}
