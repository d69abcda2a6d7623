namespace ModelDsl.Compiler.Training;

/// <summary>A table's targets: one entry for a single output, or one per output (<c>target: { age: age, gender: sex }</c>).</summary>
public sealed record TargetColumnsValue(EquatableArray<OutputColumns> Targets) : ArgumentValue
{
    public override string ToString() => Targets.ToString();
}
