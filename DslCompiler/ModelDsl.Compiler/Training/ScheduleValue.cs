namespace ModelDsl.Compiler.Training;

/// <summary>A nested schedule (the <c>then:</c> of <c>warmup(5, then: cosine())</c>).</summary>
public sealed record ScheduleValue(CheckedSchedule Schedule) : ArgumentValue
{
    public override string ToString() => Schedule.ToString();
}
