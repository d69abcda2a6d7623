using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// Applies an <c>augment { }</c> block to training image batches ([N, C, H, W], values as loaded, before
/// normalisation — so brightness scales real intensities and the fill is a real border pixel). The geometric
/// steps are combined into one affine map per example and sampled once, bilinearly, with edge pixels
/// repeated outside the image (Keras' default <c>fill_mode="nearest"</c>). Random choices come from the
/// caller's <see cref="SeededRandom"/>, so a seed and an epoch fix every augmentation.
/// </summary>
public sealed class Augmenter
{
    private readonly bool _flipHorizontal;
    private readonly bool _flipVertical;
    private readonly double _degrees;
    private readonly double _shiftWidth;
    private readonly double _shiftHeight;
    private readonly double _zoomMin = 1;
    private readonly double _zoomMax = 1;
    private readonly double _brightnessMin = 1;
    private readonly double _brightnessMax = 1;
    private readonly bool _geometric;

    public Augmenter(IReadOnlyList<AugmentationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps;
        foreach (var step in steps)
        {
            switch (step)
            {
                case FlipStep flip:
                    _flipHorizontal |= flip.Horizontal;
                    _flipVertical |= flip.Vertical;
                    break;
                case RotateStep rotate:
                    Require(rotate.Degrees is >= 0 and <= 180, $"rotate(degrees: {rotate.Degrees}) needs degrees between 0 and 180.");
                    _degrees = rotate.Degrees;
                    break;
                case ShiftStep shift:
                    Require(shift.Width is >= 0 and < 1 && shift.Height is >= 0 and < 1, $"shift(width: {shift.Width}, height: {shift.Height}) needs fractions in [0, 1).");
                    (_shiftWidth, _shiftHeight) = (shift.Width, shift.Height);
                    break;
                case ZoomStep zoom:
                    Require(zoom.Min > 0 && zoom.Max >= zoom.Min, $"zoom({zoom.Min}, {zoom.Max}) needs 0 < min <= max.");
                    (_zoomMin, _zoomMax) = (zoom.Min, zoom.Max);
                    break;
                case BrightnessStep brightness:
                    Require(brightness.Min >= 0 && brightness.Max >= brightness.Min, $"brightness({brightness.Min}, {brightness.Max}) needs 0 <= min <= max.");
                    (_brightnessMin, _brightnessMax) = (brightness.Min, brightness.Max);
                    break;
                default:
                    throw new DataException($"Unknown augmentation step {step}.");
            }
        }

        _geometric = _flipHorizontal || _flipVertical || _degrees > 0 || _shiftWidth > 0 || _shiftHeight > 0 || _zoomMin != 1 || _zoomMax != 1;
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
        var size = c * h * w;
        var scratch = new float[size];
        for (var i = 0; i < n; i++)
        {
            var example = images.Values.AsSpan(i * size, size);
            if (_geometric)
            {
                example.CopyTo(scratch);
                Transform(scratch, example, c, h, w, random);
            }

            if (_brightnessMax != 1 || _brightnessMin != 1)
            {
                var factor = (float)random.NextDouble(_brightnessMin, _brightnessMax);
                for (var j = 0; j < example.Length; j++)
                {
                    example[j] *= factor;
                }
            }
        }
    }

    private void Transform(float[] source, Span<float> target, int channels, int h, int w, SeededRandom random)
    {
        // Draw in a fixed order so a seed reproduces whatever subset of steps is enabled.
        var flipX = _flipHorizontal && random.NextDouble() < 0.5 ? -1.0 : 1.0;
        var flipY = _flipVertical && random.NextDouble() < 0.5 ? -1.0 : 1.0;
        var angle = _degrees > 0 ? random.NextDouble(-_degrees, _degrees) * Math.PI / 180 : 0;
        var tx = _shiftWidth > 0 ? random.NextDouble(-_shiftWidth, _shiftWidth) * w : 0;
        var ty = _shiftHeight > 0 ? random.NextDouble(-_shiftHeight, _shiftHeight) * h : 0;
        var zoom = _zoomMax != _zoomMin ? random.NextDouble(_zoomMin, _zoomMax) : _zoomMin;

        // Output pixel p (relative to the centre) comes from source point F⁻¹·Z⁻¹·R⁻¹·(p − t): an affine map
        // sx = ax·x + bx·y + cx, sy = ay·x + by·y + cy, evaluated incrementally along each row.
        var cos = Math.Cos(angle);
        var sin = Math.Sin(angle);
        var cy = (h - 1) / 2.0;
        var cx = (w - 1) / 2.0;
        var ax = (float)(flipX * cos / zoom);
        var bx = (float)(flipX * sin / zoom);
        var ay = (float)(flipY * -sin / zoom);
        var by = (float)(flipY * cos / zoom);
        var ox = (float)(cx + (flipX * ((cos * (-cx - tx)) + (sin * (-cy - ty))) / zoom));
        var oy = (float)(cy + (flipY * ((-sin * (-cx - tx)) + (cos * (-cy - ty))) / zoom));
        var plane = h * w;
        var maxX = w - 1;
        var maxY = h - 1;
        for (var y = 0; y < h; y++)
        {
            var sx = (bx * y) + ox;
            var sy = (by * y) + oy;
            for (var x = 0; x < w; x++, sx += ax, sy += ay)
            {
                var px = Math.Clamp(sx, 0f, maxX);
                var py = Math.Clamp(sy, 0f, maxY);
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

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DataException("augment: " + message);
        }
    }
}
