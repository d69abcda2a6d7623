using System;
using System.Linq;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Augmentation;

public sealed class AugmenterTests
{
    private static BatchTensor Ramp(int n = 1) =>
        BatchTensor.FromValues("x", [n, 1, 3, 3], [.. Enumerable.Range(0, 9 * n).Select(i => (float)(i % 9))]);

    [Fact]
    public void Horizontal_flip_mirrors_columns_or_keeps_the_image()
    {
        var augmenter = new Augmenter([new FlipStep(Horizontal: true)]);
        var sawFlip = false;
        var sawSame = false;
        for (var seed = 0; seed < 20; seed++)
        {
            var images = Ramp();
            augmenter.Apply(images, new SeededRandom((ulong)seed));
            var v = images.Values!;
            if (v.SequenceEqual(new float[] { 2, 1, 0, 5, 4, 3, 8, 7, 6 }))
            {
                sawFlip = true;
            }
            else
            {
                Assert.Equal(Enumerable.Range(0, 9).Select(i => (float)i), v);
                sawSame = true;
            }
        }

        Assert.True(sawFlip && sawSame);
    }

    [Fact]
    public void Rotation_by_180_degrees_bound_turns_the_image()
    {
        // With degrees = 180 the angle is uniform in [-180, 180]; check one exact case via the centre pixel staying put.
        var images = Ramp();
        new Augmenter([new RotateStep(180)]).Apply(images, new SeededRandom(1));
        Assert.Equal(4f, images.Values![4], 4);
    }

    [Fact]
    public void Shift_moves_content_and_fills_with_edge_pixels()
    {
        var images = BatchTensor.FromValues("x", [1, 1, 1, 10], [.. Enumerable.Range(0, 10).Select(i => (float)i)]);
        new Augmenter([new ShiftStep(0.5, 0)]).Apply(images, new SeededRandom(3));
        var v = images.Values!;
        var delta = v[5] - 5f;
        Assert.NotEqual(0f, delta, 3);
        Assert.True(v.Min() >= 0 && v.Max() <= 9);
    }

    [Fact]
    public void Brightness_scales_all_values_by_one_factor()
    {
        var images = Ramp();
        new Augmenter([new BrightnessStep(0.5, 1.5)]).Apply(images, new SeededRandom(9));
        var factor = images.Values![1];
        Assert.InRange(factor, 0.5f, 1.5f);
        Assert.Equal(8 * factor, images.Values[8], 4);
    }

    [Fact]
    public void Same_seed_same_augmentation_and_examples_differ()
    {
        var augmenter = new Augmenter([new RotateStep(30), new ZoomStep(0.8, 1.2), new ShiftStep(0.1, 0.1)]);
        var a = Ramp(2);
        var b = Ramp(2);
        augmenter.Apply(a, new SeededRandom(42));
        augmenter.Apply(b, new SeededRandom(42));
        Assert.Equal(a.Values, b.Values);
        Assert.NotEqual(a.Values![..9], a.Values[9..]);
    }

    [Fact]
    public void Non_image_inputs_and_bad_settings_are_reported()
    {
        var vectors = BatchTensor.FromValues("x", [2, 3], new float[6]);
        Assert.Throws<DataException>(() => new Augmenter([new FlipStep()]).Apply(vectors, new SeededRandom(1)));
        Assert.Throws<DataException>(() => new Augmenter([new ZoomStep(1.2, 0.8)]));
    }
}
