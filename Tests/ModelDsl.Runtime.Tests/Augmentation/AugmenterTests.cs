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
    public void Brightness_clips_to_the_pixel_range_as_keras()
    {
        var images = BatchTensor.FromValues("x", [1, 1, 1, 4], [0f, 100f, 200f, 255f]);
        new Augmenter([new BrightnessStep(2, 2)]).Apply(images, new SeededRandom(1));
        Assert.Equal(new[] { 0f, 200f, 255f, 255f }, images.Values);
    }

    [Fact]
    public void Zoom_above_one_zooms_out_as_keras_zoom_range()
    {
        // Keras: the output pixel x (from the centre) reads the source at zx·x, so zx = 2 shrinks the row around the
        // centre and repeats the edge pixels (fill_mode "nearest").
        var images = BatchTensor.FromValues("x", [1, 1, 1, 5], [0f, 1f, 2f, 3f, 4f]);
        new Augmenter([new ZoomStep(2, 2)]).Apply(images, new SeededRandom(1));
        Assert.Equal(new[] { 0f, 0f, 2f, 4f, 4f }, images.Values);

        var zoomedIn = BatchTensor.FromValues("x", [1, 1, 1, 5], [0f, 1f, 2f, 3f, 4f]);
        new Augmenter([new ZoomStep(0.5, 0.5)]).Apply(zoomedIn, new SeededRandom(1));
        Assert.Equal(new[] { 1f, 1.5f, 2f, 2.5f, 3f }, zoomedIn.Values);
    }

    [Fact]
    public void Zoom_draws_width_and_height_factors_independently_as_keras()
    {
        // A horizontal ramp reveals zx, a vertical one zy: Keras draws the two separately, so they differ.
        var sawDifferent = false;
        for (var seed = 0; seed < 10 && !sawDifferent; seed++)
        {
            var image = BatchTensor.FromValues("x", [1, 2, 5, 5], [.. Enumerable.Range(0, 25).Select(i => (float)(i % 5)), .. Enumerable.Range(0, 25).Select(i => (float)(i / 5))]);
            new Augmenter([new ZoomStep(0.5, 0.9)]).Apply(image, new SeededRandom((ulong)seed));
            var zx = image.Values![3] - image.Values[2];            // row 0, columns 2 → 3 of the horizontal ramp
            var zy = image.Values[25 + 15] - image.Values[25 + 10]; // column 0, rows 2 → 3 of the vertical ramp
            Assert.InRange(zx, 0.5f - 1e-5f, 0.9f + 1e-5f);
            Assert.InRange(zy, 0.5f - 1e-5f, 0.9f + 1e-5f);
            sawDifferent = Math.Abs(zx - zy) > 1e-3;
        }

        Assert.True(sawDifferent);
    }

    [Fact]
    public void Shear_moves_rows_by_sin_of_the_angle_and_keeps_the_centre_row()
    {
        // Keras' shear matrix [[1, -sin s], [0, cos s]]: on a horizontal ramp (value = column) the output at (x, y)
        // from the centre is x − sin(s)·y, so the middle row is unchanged and the rows above and below move by ±sin(s).
        var signs = new System.Collections.Generic.HashSet<int>();
        for (var seed = 0; seed < 20; seed++)
        {
            var image = BatchTensor.FromValues("x", [1, 1, 3, 9], [.. Enumerable.Range(0, 27).Select(i => (float)(i % 9))]);
            new Augmenter([new ShearStep(30)]).Apply(image, new SeededRandom((ulong)seed));
            var v = image.Values!;
            var sin = v[4] - 4f; // row 0 (y = −1), centre column: 4 + sin(s)
            Assert.InRange(sin, -0.5f - 1e-5f, 0.5f + 1e-5f);
            Assert.Equal(4f, v[9 + 4], 4);
            Assert.Equal(4f - sin, v[18 + 4], 4);
            Assert.Equal(3f + sin, v[3], 4);
            signs.Add(Math.Sign(sin));
        }

        Assert.Contains(1, signs);
        Assert.Contains(-1, signs);
    }

    [Fact]
    public void Shear_scales_the_vertical_axis_by_cos_of_the_angle()
    {
        // On a vertical ramp (value = row) the output at y reads cos(s)·y, and sin² + cos² = 1 ties it to the row shift.
        var ramps = new float[2 * 5 * 9];
        for (var i = 0; i < 45; i++)
        {
            ramps[i] = i % 9;        // channel 0: horizontal ramp
            ramps[45 + i] = i / 9;   // channel 1: vertical ramp
        }

        var image = BatchTensor.FromValues("x", [1, 2, 5, 9], ramps);
        new Augmenter([new ShearStep(40)]).Apply(image, new SeededRandom(5));
        var v = image.Values!;
        var sin = v[(1 * 9) + 4] - 4f;           // channel 0, row 1 (y = −1)
        var cos = v[45 + (3 * 9) + 4] - 2f;      // channel 1, row 3 (y = +1)
        Assert.Equal(1.0, (sin * sin) + (cos * cos), 3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rot90_turns_counter_clockwise_like_numpy(int k)
    {
        var source = Enumerable.Range(0, 2 * 16).Select(i => (float)(i * 7 % 11)).ToArray();
        var images = BatchTensor.FromValues("x", [1, 2, 4, 4], [.. source]);
        new Augmenter([new Rot90Step([k])]).Apply(images, new SeededRandom(1));
        Assert.Equal(NumpyRot90(source, 2, 4, k), images.Values);
    }

    [Fact]
    public void Rot90_matches_numpy_on_a_ramp()
    {
        // np.rot90(np.arange(9).reshape(3, 3), 1).ravel()
        var images = Ramp();
        new Augmenter([new Rot90Step([1])]).Apply(images, new SeededRandom(1));
        Assert.Equal(new float[] { 2, 5, 8, 1, 4, 7, 0, 3, 6 }, images.Values);
    }

    [Fact]
    public void Rot90_draws_only_the_listed_quarter_turns()
    {
        var seen = new System.Collections.Generic.HashSet<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var images = Ramp();
            new Augmenter([new Rot90Step([1, 3])]).Apply(images, new SeededRandom((ulong)seed));
            var k = Enumerable.Range(0, 4).Single(turns => NumpyRot90([.. Enumerable.Range(0, 9).Select(i => (float)i)], 1, 3, turns).SequenceEqual(images.Values!));
            seen.Add(k);
        }

        Assert.Equal(new[] { 1, 3 }, seen.Order());
    }

    [Fact]
    public void Rot90_half_turn_works_on_non_square_images_and_a_quarter_turn_is_refused()
    {
        var wide = BatchTensor.FromValues("x", [1, 1, 2, 3], [0f, 1f, 2f, 3f, 4f, 5f]);
        new Augmenter([new Rot90Step([2])]).Apply(wide, new SeededRandom(1));
        Assert.Equal(new[] { 5f, 4f, 3f, 2f, 1f, 0f }, wide.Values);

        var error = Assert.Throws<DataException>(() => new Augmenter([new Rot90Step([0, 1])]).Apply(BatchTensor.FromValues("x", [1, 1, 2, 3], new float[6]), new SeededRandom(1)));
        Assert.Contains("square", error.Message, StringComparison.Ordinal);
        Assert.Throws<DataException>(() => new Augmenter([new Rot90Step([4])]));
        Assert.Throws<DataException>(() => new Augmenter([new Rot90Step([1, 1])]));
        Assert.Throws<DataException>(() => new Augmenter([new ShearStep(90)]));
    }

    [Fact]
    public void Steps_run_in_the_order_written()
    {
        // A zoom-in interpolates halfway between pixels; brightness clips at 255. Clipping after the zoom and before it
        // give different images, so the written order is observable.
        var zoomThenBrighten = BatchTensor.FromValues("x", [1, 1, 1, 3], [0f, 100f, 200f]);
        new Augmenter([new ZoomStep(0.5, 0.5), new BrightnessStep(2, 2)]).Apply(zoomThenBrighten, new SeededRandom(1));
        Assert.Equal(new[] { 100f, 200f, 255f }, zoomThenBrighten.Values);

        var brightenThenZoom = BatchTensor.FromValues("x", [1, 1, 1, 3], [0f, 100f, 200f]);
        new Augmenter([new BrightnessStep(2, 2), new ZoomStep(0.5, 0.5)]).Apply(brightenThenZoom, new SeededRandom(1));
        Assert.Equal(new[] { 100f, 200f, 227.5f }, brightenThenZoom.Values);
    }

    [Fact]
    public void Geometric_steps_compose_in_the_order_written()
    {
        // rot90 is exact and draws nothing, so [rot90, shear] must equal rot90 followed by a separate shear drawing the
        // same angle, and differ from shear followed by rot90.
        var source = Enumerable.Range(0, 36).Select(i => (float)(i * 5 % 13)).ToArray();
        BatchTensor Image() => BatchTensor.FromValues("x", [1, 1, 6, 6], [.. source]);

        var combined = Image();
        new Augmenter([new Rot90Step([1]), new ShearStep(30)]).Apply(combined, new SeededRandom(8));

        var oneByOne = Image();
        var random = new SeededRandom(8);
        new Augmenter([new Rot90Step([1])]).Apply(oneByOne, random);
        new Augmenter([new ShearStep(30)]).Apply(oneByOne, random);

        var reversed = Image();
        new Augmenter([new ShearStep(30), new Rot90Step([1])]).Apply(reversed, new SeededRandom(8));

        for (var i = 0; i < 36; i++)
        {
            Assert.Equal(oneByOne.Values![i], combined.Values![i], 4);
        }

        Assert.Contains(combined.Values!.Zip(reversed.Values!), pair => Math.Abs(pair.First - pair.Second) > 0.1f);
    }

    /// <summary>np.rot90(image, k) per channel by index: one quarter turn is out[i, j] = in[j, n − 1 − i].</summary>
    private static float[] NumpyRot90(float[] chw, int channels, int n, int k)
    {
        var current = (float[])chw.Clone();
        for (var turn = 0; turn < k; turn++)
        {
            var next = new float[current.Length];
            for (var c = 0; c < channels; c++)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        next[(c * n * n) + (i * n) + j] = current[(c * n * n) + (j * n) + (n - 1 - i)];
                    }
                }
            }

            current = next;
        }

        return current;
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
