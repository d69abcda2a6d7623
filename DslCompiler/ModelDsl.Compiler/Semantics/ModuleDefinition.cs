using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Everything that defines one module class: where it comes from (declaration and actual arguments), its inputs, its
/// members in registration order, its <c>forward</c> steps and its output(s). No names of the instance, no paths and
/// no spans, so two calls of <c>bottleneck(64)</c> on equal input shapes yield equal definitions.
/// </summary>
/// <param name="Kind">Model, section, block or group.</param>
/// <param name="Declaration">The model name, the section keyword (<c>stem</c>), or the block/group name (<c>bottleneck</c>).</param>
/// <param name="Arguments">Block/group actual arguments, every parameter in declaration order (defaults filled in); empty otherwise.</param>
/// <param name="Inputs">The input values: <c>input</c> for sections, blocks and groups; the declared inputs of a model.</param>
/// <param name="Members">Layers and nested modules, in the order they are first used.</param>
/// <param name="Steps">The dataflow, in execution order.</param>
/// <param name="Outputs">The values returned: one for sections/blocks/groups; a model's outputs in declaration order.</param>
/// <param name="Parameters">Sum over members.</param>
public sealed record ModuleDefinition(
    ModuleKind Kind,
    string Declaration,
    EquatableArray<ArgumentValue> Arguments,
    EquatableArray<TensorValue> Inputs,
    EquatableArray<ModuleMember> Members,
    EquatableArray<Step> Steps,
    EquatableArray<TensorValue> Outputs,
    ParameterCount Parameters)
{
    /// <summary>The shape of the first (for non-model modules: the only) output.</summary>
    public Shape OutputShape => Outputs[0].Shape;

    /// <summary>The member called <paramref name="name"/>, or null.</summary>
    public ModuleMember? FindMember(string name) => Members.FirstOrDefault(m => m.Name == name);
}
