namespace ModelDsl.Runtime.Schedules;

/// <summary><c>time_decay(decay)</c>: lr / (1 + decay·t), as Keras' InverseTimeDecay with decay_steps = 1.</summary>
public sealed record TimeDecaySchedule : LearningRateSchedule
{
    public TimeDecaySchedule(double decay)
    {
        Require(decay >= 0, $"time_decay({decay}) needs decay >= 0.");
        Decay = decay;
    }

    public double Decay { get; }

    public override double Rate(double baseRate, long t, long total) => baseRate / (1 + (Decay * t));
}
