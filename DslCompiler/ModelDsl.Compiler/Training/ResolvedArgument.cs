namespace ModelDsl.Compiler.Training;

/// <summary>One argument of a training call after checking: every parameter of the catalog entry that has a value
/// (given or defaulted) appears once, in catalog order, so emitters never re-derive defaults.</summary>
/// <param name="Name">The parameter name as the catalog spells it (<c>lr</c>, <c>beta1</c>, <c>restore_best</c>).</param>
/// <param name="Value">The checked value.</param>
/// <param name="IsExplicit">True when the <c>.model</c> file wrote it; false when it is the catalog default.</param>
public sealed record ResolvedArgument(string Name, ArgumentValue Value, bool IsExplicit)
{
    public override string ToString() => Name + ": " + Value;
}
