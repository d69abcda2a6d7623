using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// Applies an <c>augment { }</c> block to training image batches ([N, C, H, W], values as loaded, before
/// normalisation — so brightness scales and clips real 0–255 intensities and the fill is a real border pixel).
/// The steps run in the order written: each written step transforms the result of the one before. A run of
/// consecutive geometric steps (flip, rotate, shift, zoom, shear, rot90) is composed into one affine map per
/// example and sampled once, bilinearly, with edge pixels repeated outside the image (Keras' default
/// <c>fill_mode="nearest"</c>) — the same image as applying them one by one, without resampling in between.
/// Random choices come from the caller's <see cref="SeededRandom"/>, drawn per example in the written order, so
/// a seed and an epoch fix every augmentation.
/// </summary>
public sealed class Augmenter
{
    // The steps grouped as written: a geometric run (one resampling) or a single brightness step.
    private readonly IReadOnlyList<AugmentationStep[]> _runs;
    private readonly bool _needsSquare;

    public Augmenter(IReadOnlyList<AugmentationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps;
        var runs = new List<AugmentationStep[]>();
        var current = new List<AugmentationStep>();
        foreach (var step in steps)
        {
            Validate(step);
            if (step is BrightnessStep)
            {
                if (current.Count > 0)
                {
                    runs.Add([.. current]);
                    current.Clear();
                }

                runs.Add([step]);
            }
            else
            {
                current.Add(step);
            }

            _needsSquare |= step is Rot90Step rot90 && rot90.QuarterTurns.Any(k => k % 2 != 0);
        }

        if (current.Count > 0)
        {
            runs.Add([.. current]);
        }

        _runs = runs;
    }

    public IReadOnlyList<AugmentationStep> Steps { get; }

    /// <summary>Augments every example of <paramref name="images"/> in place.</summary>
    public void Apply(BatchTensor images, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(random);
        if (Steps.Count == 0)
        {
            return;
        }

        if (images.Values is null || images.Shape.Length != 4)
        {
            throw new DataException(
                $"augment {{ }} works on images [C, H, W]; the input '{images.Name}' has examples of shape [{string.Join(", ", images.Shape[1..])}].");
        }

        var (n, c, h, w) = (images.Shape[0], images.Shape[1], images.Shape[2], images.Shape[3]);
        if (_needsSquare && h != w)
        {
            throw new DataException(
                $"augment: rot90 with an odd number of quarter turns swaps height and width, so it needs square images; the input '{images.Name}' has images of {h} x {w}. Use k: [0, 2].");
        }

        var size = c * h * w;
        var scratch = new float[size];
        for (var i = 0; i < n; i++)
        {
            var example = images.Values.AsSpan(i * size, size);
            foreach (var run in _runs)
            {
                if (run[0] is BrightnessStep brightness)
                {
                    Brighten(example, brightness, random);
                }
                else
                {
                    var map = Draw(run, w, h, random);
                    if (!map.IsIdentity)
                    {
                        example.CopyTo(scratch);
                        Resample(scratch, example, c, h, w, map);
                    }
                }
            }
        }
    }

    /// <summary>Keras' brightness: x · factor, clipped to the 8-bit range an image can hold.</summary>
    private static void Brighten(Span<float> example, BrightnessStep step, SeededRandom random)
    {
        var factor = (float)(step.Min == step.Max ? step.Min : random.NextDouble(step.Min, step.Max));
        for (var j = 0; j < example.Length; j++)
        {
            example[j] = Math.Clamp(example[j] * factor, 0f, 255f);
        }
    }

    /// <summary>
    /// The run's random draws for one example, composed into the map from an output pixel to the source point it
    /// samples (both relative to the image centre). Applying T1 then T2 samples through T1⁻¹(T2⁻¹(p)), so the
    /// inverse maps multiply in the written order.
    /// </summary>
    private static Affine Draw(AugmentationStep[] run, int w, int h, SeededRandom random)
    {
        var map = Affine.Identity;
        foreach (var step in run)
        {
            switch (step)
            {
                case FlipStep flip:
                    var flipX = flip.Horizontal && random.NextDouble() < 0.5 ? -1.0 : 1.0;
                    var flipY = flip.Vertical && random.NextDouble() < 0.5 ? -1.0 : 1.0;
                    map *= new Affine(flipX, 0, 0, 0, flipY, 0);
                    break;
                case RotateStep rotate:
                    var angle = random.NextDouble(-rotate.Degrees, rotate.Degrees) * Math.PI / 180;
                    map *= new Affine(Math.Cos(angle), Math.Sin(angle), 0, -Math.Sin(angle), Math.Cos(angle), 0);
                    break;
                case ShiftStep shift:
                    var tx = shift.Width > 0 ? random.NextDouble(-shift.Width, shift.Width) * w : 0;
                    var ty = shift.Height > 0 ? random.NextDouble(-shift.Height, shift.Height) * h : 0;
                    map *= new Affine(1, 0, -tx, 0, 1, -ty);
                    break;
                case ZoomStep zoom:
                    // Keras draws zx and zy independently (np.random.uniform(lower, upper, 2)).
                    var (zx, zy) = zoom.Min == zoom.Max
                        ? (zoom.Min, zoom.Min)
                        : (random.NextDouble(zoom.Min, zoom.Max), random.NextDouble(zoom.Min, zoom.Max));
                    map *= new Affine(zx, 0, 0, 0, zy, 0);
                    break;
                case ShearStep shear:
                    var s = random.NextDouble(-shear.Degrees, shear.Degrees) * Math.PI / 180;
                    map *= new Affine(1, -Math.Sin(s), 0, 0, Math.Cos(s), 0);
                    break;
                case Rot90Step rot90:
                    var k = rot90.QuarterTurns.Count == 1 ? rot90.QuarterTurns[0] : rot90.QuarterTurns[random.Next(rot90.QuarterTurns.Count)];
                    map *= QuarterTurn(k);
                    break;
            }
        }

        return map;
    }

    /// <summary>k quarter turns counter-clockwise on screen (y grows downwards), as np.rot90: output (x, y) reads (−y, x) for k = 1.</summary>
    private static Affine QuarterTurn(int k) => (((k % 4) + 4) % 4) switch
    {
        0 => Affine.Identity,
        1 => new Affine(0, -1, 0, 1, 0, 0),
        2 => new Affine(-1, 0, 0, 0, -1, 0),
        _ => new Affine(0, 1, 0, -1, 0, 0),
    };

    private static void Resample(float[] source, Span<float> target, int channels, int h, int w, Affine map)
    {
        // In pixel coordinates: sx = A·x + B·y + ox, sy = D·x + E·y + oy, with the centre at ((w − 1) / 2, (h − 1) / 2).
        var cy = (h - 1) / 2.0;
        var cx = (w - 1) / 2.0;
        var ax = (float)map.A;
        var bx = (float)map.B;
        var ay = (float)map.D;
        var by = (float)map.E;
        var ox = (float)(cx + map.C - (map.A * cx) - (map.B * cy));
        var oy = (float)(cy + map.F - (map.D * cx) - (map.E * cy));
        var plane = h * w;
        var maxX = w - 1;
        var maxY = h - 1;
        for (var y = 0; y < h; y++)
        {
            var rowX = (bx * y) + ox;
            var rowY = (by * y) + oy;
            for (var x = 0; x < w; x++)
            {
                // Computed per pixel rather than accumulated along the row, so right-angle maps land exactly on pixels.
                var px = Math.Clamp((ax * x) + rowX, 0f, maxX);
                var py = Math.Clamp((ay * x) + rowY, 0f, maxY);
                var x0 = (int)px;
                var y0 = (int)py;
                var x1 = x0 < maxX ? x0 + 1 : x0;
                var y1 = y0 < maxY ? y0 + 1 : y0;
                var fx = px - x0;
                var fy = py - y0;
                var i00 = (y0 * w) + x0;
                var i01 = (y0 * w) + x1;
                var i10 = (y1 * w) + x0;
                var i11 = (y1 * w) + x1;
                var o = (y * w) + x;
                for (var p = 0; p < channels * plane; p += plane)
                {
                    var top = source[p + i00] + ((source[p + i01] - source[p + i00]) * fx);
                    var bottom = source[p + i10] + ((source[p + i11] - source[p + i10]) * fx);
                    target[p + o] = top + ((bottom - top) * fy);
                }
            }
        }
    }

    private static void Validate(AugmentationStep step)
    {
        switch (step)
        {
            case FlipStep:
                break;
            case RotateStep rotate:
                Require(rotate.Degrees is >= 0 and <= 180, $"rotate(degrees: {rotate.Degrees}) needs degrees between 0 and 180.");
                break;
            case ShiftStep shift:
                Require(shift.Width is >= 0 and < 1 && shift.Height is >= 0 and < 1, $"shift(width: {shift.Width}, height: {shift.Height}) needs fractions in [0, 1).");
                break;
            case ZoomStep zoom:
                Require(zoom.Min > 0 && zoom.Max >= zoom.Min && double.IsFinite(zoom.Max), $"zoom({zoom.Min}, {zoom.Max}) needs 0 < min <= max.");
                break;
            case ShearStep shear:
                Require(shear.Degrees is >= 0 and < 90, $"shear(degrees: {shear.Degrees}) needs degrees in [0, 90).");
                break;
            case Rot90Step rot90:
                Require(
                    rot90.QuarterTurns is { Count: > 0 } turns && turns.All(k => k is >= 0 and <= 3) && turns.Distinct().Count() == turns.Count,
                    $"rot90(k: [{string.Join(", ", rot90.QuarterTurns ?? [])}]) needs distinct quarter turns out of 0, 1, 2, 3.");
                break;
            case BrightnessStep brightness:
                Require(brightness.Min >= 0 && brightness.Max >= brightness.Min && double.IsFinite(brightness.Max), $"brightness({brightness.Min}, {brightness.Max}) needs 0 <= min <= max.");
                break;
            default:
                throw new DataException($"Unknown augmentation step {step}.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DataException("augment: " + message);
        }
    }

    /// <summary>sx = A·x + B·y + C, sy = D·x + E·y + F.</summary>
    private readonly record struct Affine(double A, double B, double C, double D, double E, double F)
    {
        public static Affine Identity { get; } = new(1, 0, 0, 0, 1, 0);

        public bool IsIdentity => this == Identity;

        /// <summary>(l · r)(p) = l(r(p)).</summary>
        public static Affine operator *(Affine l, Affine r) => new(
            (l.A * r.A) + (l.B * r.D),
            (l.A * r.B) + (l.B * r.E),
            (l.A * r.C) + (l.B * r.F) + l.C,
            (l.D * r.A) + (l.E * r.D),
            (l.D * r.B) + (l.E * r.E),
            (l.D * r.C) + (l.E * r.F) + l.F);
    }
}
