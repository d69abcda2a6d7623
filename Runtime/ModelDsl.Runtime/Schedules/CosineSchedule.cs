using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary>
/// <c>cosine(min_lr)</c>: min_lr + (lr − min_lr)·(1 + cos(π·t / total)) / 2 (PyTorch's CosineAnnealingLR over the
/// whole run, no restarts); the last epoch/step therefore trains slightly above min_lr.
/// </summary>
public sealed record CosineSchedule : LearningRateSchedule
{
    public CosineSchedule(double minRate)
    {
        Require(minRate >= 0, $"cosine(min_lr: {minRate}) needs min_lr >= 0.");
        MinRate = minRate;
    }

    public double MinRate { get; }

    public override double Rate(double baseRate, long t, long total)
    {
        if (total <= 0)
        {
            return baseRate;
        }

        var progress = Math.Clamp((double)t / total, 0, 1);
        return MinRate + ((baseRate - MinRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
