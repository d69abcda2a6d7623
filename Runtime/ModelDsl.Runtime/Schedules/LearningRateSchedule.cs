using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary>
/// A learning-rate schedule: a pure function of the base rate, the time <c>t</c> (epochs, or steps with
/// <c>per: step</c>; 0-based, restarting at 0 in each stage) and the stage's length in the same unit. Being pure, its state is just
/// <c>t</c>, which checkpoints already hold — a resumed run gets exactly the rates of an uninterrupted one.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>Whether <c>t</c> counts steps (<c>per: step</c>) rather than epochs.</summary>
    public bool PerStep { get; init; }

    /// <summary>The learning rate at time <paramref name="t"/> of <paramref name="total"/>.</summary>
    public abstract double Rate(double baseRate, long t, long total);

    /// <summary><c>time_decay(decay)</c>: lr / (1 + decay·t).</summary>
    public static LearningRateSchedule TimeDecay(double decay) => new TimeDecaySchedule(decay);

    /// <summary><c>linear_decay(decay, min_lr)</c>: lr − decay·t, never below min_lr.</summary>
    public static LearningRateSchedule LinearDecay(double decay, double minRate = 0) => new LinearDecaySchedule(decay, minRate);

    /// <summary><c>step_decay(rate, every)</c>: lr · rate^⌊t / every⌋.</summary>
    public static LearningRateSchedule StepDecay(double rate, int every) => new StepDecaySchedule(rate, every);

    /// <summary><c>exponential(gamma)</c>: lr · gamma^t.</summary>
    public static LearningRateSchedule Exponential(double gamma) => new ExponentialSchedule(gamma);

    /// <summary><c>cosine(min_lr, period?)</c>: from lr at t = 0 down to min_lr at t = period (default: the stage length), along half a cosine.</summary>
    public static LearningRateSchedule Cosine(double minRate = 0, int? period = null) => new CosineSchedule(minRate, period);

    /// <summary><c>warmup(epochs, then)</c>: linear from lr/epochs up to lr over the first <paramref name="length"/> units, then <paramref name="then"/> (its t starting at 0).</summary>
    public static LearningRateSchedule Warmup(int length, LearningRateSchedule? then = null) => new WarmupSchedule(length, then);

    /// <summary>A constant rate.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    protected static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("schedule: " + message);
        }
    }
}
