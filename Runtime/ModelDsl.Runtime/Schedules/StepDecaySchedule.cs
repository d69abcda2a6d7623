using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary><c>step_decay(rate, every)</c>: lr · rate^⌊t / every⌋.</summary>
public sealed record StepDecaySchedule : LearningRateSchedule
{
    public StepDecaySchedule(double rate, int every)
    {
        Require(rate > 0, $"step_decay({rate}, {every}) needs rate > 0.");
        Require(every > 0, $"step_decay({rate}, {every}) needs every > 0.");
        DecayRate = rate;
        Every = every;
    }

    public double DecayRate { get; }

    public int Every { get; }

    public override double Rate(double baseRate, long t, long total) => baseRate * Math.Pow(DecayRate, t / Every);
}
