namespace ModelDsl.Runtime.Schedules;

/// <summary>
/// <c>warmup(epochs, then: …)</c>: lr·(t + 1) / length for t &lt; length (so the first epoch already trains), then
/// <see cref="Then"/> with its own clock starting at 0 and its total reduced by the warm-up. With <c>per: step</c>
/// the length counts steps.
/// </summary>
public sealed record WarmupSchedule : LearningRateSchedule
{
    public WarmupSchedule(int length, LearningRateSchedule? then)
    {
        Require(length > 0, $"warmup({length}) needs a length above 0.");
        Length = length;
        Then = then ?? Constant;
    }

    public int Length { get; }

    public LearningRateSchedule Then { get; }

    public override double Rate(double baseRate, long t, long total) =>
        t < Length ? baseRate * (t + 1) / Length : Then.Rate(baseRate, t - Length, total - Length);
}
