using System;
using System.Collections.Generic;
using System.Diagnostics;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>
/// Deterministic fuzzing of the image decoder: mutations of valid PNG, BMP and JPEG files (bit flips, bytes set to
/// boundary values, header size fields set to huge values, truncations, duplicated and deleted ranges). Every one
/// must decode or fail with <see cref="ImageFormatException"/> — no other exception, no single file over 2 s.
/// </summary>
public sealed class ImageFuzzTests
{
    private const int MutationsPerSeed = 250;

    public static IEnumerable<object[]> Seeds()
    {
        yield return ["png-rgb", TestImages.Png(5, 4, 2, Ramp(5 * 4 * 3), filter: 1)];
        yield return ["png-gray", TestImages.Png(6, 3, 0, Ramp(6 * 3), filter: 2)];
        yield return ["png-rgba", TestImages.Png(3, 3, 6, Ramp(3 * 3 * 4))];
        yield return ["png-palette", Convert.FromBase64String(ImageFixtures.PalettePng)];
        yield return ["png-16bit", Convert.FromBase64String(ImageFixtures.Gray16Png)];
        yield return ["bmp-24", TestImages.Bmp(3, 2, Ramp(3 * 2 * 3))];
        yield return ["bmp-palette", Convert.FromBase64String(ImageFixtures.Palette8Bmp)];
        yield return ["jpeg-420", Convert.FromBase64String(JpegFixtures.Color420Jpeg)];
        yield return ["jpeg-gray", Convert.FromBase64String(JpegFixtures.GrayJpeg)];
        yield return ["jpeg-progressive", Convert.FromBase64String(JpegFixtures.ProgressiveJpeg)];
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_images_decode_or_fail_with_the_documented_error(string name, byte[] seed)
    {
        var random = new Random(name.Length * 7919 + seed.Length);
        var slowest = TimeSpan.Zero;
        var failures = 0;
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var mutant = Mutate(seed, random);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var image = ImageDecoder.Decode(mutant);
                Assert.Equal((long)image.Width * image.Height * image.Channels, image.Pixels.Length);
            }
            catch (ImageFormatException ex)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name} mutation {i}: {ex.GetType().Name}: {ex.Message} (bytes {Convert.ToBase64String(mutant)})");
            }

            slowest = stopwatch.Elapsed > slowest ? stopwatch.Elapsed : slowest;
        }

        Assert.True(slowest < TimeSpan.FromSeconds(2), $"{name}: the slowest mutation took {slowest}");
        Assert.True(failures > 0, $"{name}: no mutation was refused, so the fuzzer is not reaching the decoder's checks");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && data.Length > 0; e++)
        {
            var at = random.Next(data.Length);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)(random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x7F, _ => 0x80 });
                    break;
                case 2:
                    // A 32-bit size field (PNG chunk length, IHDR width/height, BMP offsets) set to a huge value.
                    if (at + 4 <= data.Length)
                    {
                        var huge = random.Next(3) switch { 0 => 0x7FFFFFF8u, 1 => 0xFFFFFFFFu, _ => (uint)random.Next(60_000, 1 << 24) };
                        BitConverter.GetBytes(huge).CopyTo(data, at);
                    }

                    break;
                case 3:
                    data = data[..at];
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 64), data.Length - at);
                    data = [.. data[..(at + length)], .. data[at..(at + length)], .. data[(at + length)..]];
                    break;
                case 5:
                    var cut = Math.Min(random.Next(1, 16), data.Length - at);
                    data = [.. data[..at], .. data[(at + cut)..]];
                    break;
                default:
                    data[at] = (byte)random.Next(256);
                    break;
            }
        }

        return data;
    }

    private static byte[] Ramp(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 37);
        }

        return bytes;
    }
}
