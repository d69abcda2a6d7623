using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary>
/// <c>cosine(min_lr, period?)</c>: min_lr + (lr − min_lr)·(1 + cos(π·t / period)) / 2 (PyTorch's CosineAnnealingLR,
/// no restarts; held at min_lr after the period). The period defaults to the stage's length, so the last epoch/step
/// trains slightly above min_lr.
/// </summary>
public sealed record CosineSchedule : LearningRateSchedule
{
    public CosineSchedule(double minRate, int? period = null)
    {
        Require(minRate >= 0, $"cosine(min_lr: {minRate}) needs min_lr >= 0.");
        Require(period is null or > 0, $"cosine(period: {period}) needs a period of at least 1.");
        MinRate = minRate;
        Period = period;
    }

    public double MinRate { get; }

    public int? Period { get; }

    public override double Rate(double baseRate, long t, long total)
    {
        var period = Period ?? total;
        if (period <= 0)
        {
            return baseRate;
        }

        var progress = Math.Clamp((double)t / period, 0, 1);
        return MinRate + ((baseRate - MinRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
