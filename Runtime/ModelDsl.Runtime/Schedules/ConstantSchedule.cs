namespace ModelDsl.Runtime.Schedules;

/// <summary>No schedule: the base rate throughout.</summary>
public sealed record ConstantSchedule : LearningRateSchedule
{
    public override double Rate(double baseRate, long t, long total) => baseRate;
}
