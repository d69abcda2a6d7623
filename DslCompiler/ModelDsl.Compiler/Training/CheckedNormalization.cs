namespace ModelDsl.Compiler.Training;

/// <summary>A checked normalisation: scale(divisor), range(min, max), standardize(), mean_std(mean, std).</summary>
public sealed record CheckedNormalization(NormalizationKind Kind, string Name, EquatableArray<ResolvedArgument> Arguments)
{
    public override string ToString() => Name + "(" + string.Join(", ", Arguments) + ")";
}
