namespace ModelDsl.Compiler.Semantics;

/// <summary>A nested module (section, block instance or group instance) under <see cref="ModuleMember.Name"/>.
/// Instances with equal <see cref="Definition"/>s are the same class: an emitter writes one nested class per distinct
/// definition (e.g. <c>distinct</c> over definitions).</summary>
public sealed record CheckedModule(string Name, ModuleDefinition Definition) : ModuleMember(Name)
{
    public override ParameterCount Parameters => Definition.Parameters;

    public override Shape OutputShape => Definition.OutputShape;
}
