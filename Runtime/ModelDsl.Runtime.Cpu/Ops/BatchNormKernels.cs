using System;

namespace ModelDsl.Runtime.Cpu;

/// <summary>Hot loops of batch normalisation; statistics accumulate in double.</summary>
internal static class BatchNormKernels
{
    public static void Forward(
        float[] x, float[] y, float[]? xhat, float[] invStd, float[] runningMean, float[] runningVar, float[]? weight, float[]? bias,
        int n, int c, int inner, bool training, float momentum, float eps)
    {
        var count = n * inner;
        for (var ch = 0; ch < c; ch++)
        {
            double mean;
            double inv;
            if (training)
            {
                double sum = 0;
                for (var b = 0; b < n; b++)
                {
                    var row = x.AsSpan(((b * c) + ch) * inner, inner);
                    foreach (var v in row)
                    {
                        sum += v;
                    }
                }

                mean = sum / count;
                double sq = 0;
                for (var b = 0; b < n; b++)
                {
                    var row = x.AsSpan(((b * c) + ch) * inner, inner);
                    foreach (var v in row)
                    {
                        var d = v - mean;
                        sq += d * d;
                    }
                }

                var variance = sq / count;
                inv = 1.0 / Math.Sqrt(variance + eps);
                runningMean[ch] = (float)(((1.0 - momentum) * runningMean[ch]) + (momentum * mean));
                runningVar[ch] = (float)(((1.0 - momentum) * runningVar[ch]) + (momentum * variance * count / (count - 1)));
            }
            else
            {
                mean = runningMean[ch];
                inv = 1.0 / Math.Sqrt(runningVar[ch] + (double)eps);
            }

            invStd[ch] = (float)inv;
            var gamma = weight?[ch] ?? 1f;
            var beta = bias?[ch] ?? 0f;
            for (var b = 0; b < n; b++)
            {
                var offset = ((b * c) + ch) * inner;
                for (var i = 0; i < inner; i++)
                {
                    var normalised = (float)((x[offset + i] - mean) * inv);
                    if (xhat is not null)
                    {
                        xhat[offset + i] = normalised;
                    }

                    y[offset + i] = (normalised * gamma) + beta;
                }
            }
        }
    }

    public static void Backward(
        float[] gy, float[] xhat, float[] invStd, float[]? weight, float[]? gx, float[]? gw, float[]? gb, int n, int c, int inner, bool training)
    {
        var count = n * inner;
        for (var ch = 0; ch < c; ch++)
        {
            double sumG = 0;
            double sumGx = 0;
            for (var b = 0; b < n; b++)
            {
                var offset = ((b * c) + ch) * inner;
                for (var i = 0; i < inner; i++)
                {
                    sumG += gy[offset + i];
                    sumGx += gy[offset + i] * xhat[offset + i];
                }
            }

            if (gw is not null)
            {
                gw[ch] += (float)sumGx;
            }

            if (gb is not null)
            {
                gb[ch] += (float)sumG;
            }

            if (gx is null)
            {
                continue;
            }

            var scale = (weight?[ch] ?? 1f) * invStd[ch];
            if (!training)
            {
                for (var b = 0; b < n; b++)
                {
                    var offset = ((b * c) + ch) * inner;
                    for (var i = 0; i < inner; i++)
                    {
                        gx[offset + i] += gy[offset + i] * scale;
                    }
                }

                continue;
            }

            // dx = γ·σ⁻¹ · (g − mean(g) − x̂·mean(g·x̂))
            var meanG = sumG / count;
            var meanGx = sumGx / count;
            for (var b = 0; b < n; b++)
            {
                var offset = ((b * c) + ch) * inner;
                for (var i = 0; i < inner; i++)
                {
                    gx[offset + i] += (float)(scale * (gy[offset + i] - meanG - (xhat[offset + i] * meanGx)));
                }
            }
        }
    }
}
