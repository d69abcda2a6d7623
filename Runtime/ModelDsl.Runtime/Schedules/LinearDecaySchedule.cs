using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary><c>linear_decay(decay, min_lr = 0)</c>: the rate falls by a fixed amount each epoch (or step),
/// lr − decay·t, and stays at <see cref="MinRate"/> once it gets there (a rate never turns negative).</summary>
public sealed record LinearDecaySchedule : LearningRateSchedule
{
    public LinearDecaySchedule(double decay, double minRate = 0)
    {
        Require(decay >= 0, $"linear_decay({decay}) needs decay >= 0.");
        Require(minRate >= 0, $"linear_decay(min_lr: {minRate}) needs min_lr >= 0.");
        Decay = decay;
        MinRate = minRate;
    }

    public double Decay { get; }

    public double MinRate { get; }

    public override double Rate(double baseRate, long t, long total) => Math.Max(baseRate - (Decay * t), Math.Min(MinRate, baseRate));
}
