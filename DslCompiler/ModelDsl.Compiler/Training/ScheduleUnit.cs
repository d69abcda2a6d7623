namespace ModelDsl.Compiler.Training;

/// <summary>What <c>t</c> counts in a schedule formula (<c>per: epoch</c> by default, <c>per: step</c> for batches).</summary>
public enum ScheduleUnit
{
    Epoch,
    Step,
}
