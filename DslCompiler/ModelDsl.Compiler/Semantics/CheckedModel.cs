using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// A model that passed every check: what an emitter needs to write its module, with nothing left to derive.
/// Value-equal (records and <see cref="EquatableArray{T}"/> only) and free of source spans.
/// </summary>
/// <param name="Name">The declared name (<c>ResNet50</c>), a valid identifier.</param>
/// <param name="Namespace">The C# namespace: the file's <c>namespace</c>, else <see cref="CompilationOptions.DefaultNamespace"/>.</param>
/// <param name="SourcePath">The path of the <c>.model</c> file that declares it (for generated file names and comments).</param>
/// <param name="Inputs">Declared inputs in order.</param>
/// <param name="Outputs">Declared outputs in order, or the single unnamed output.</param>
/// <param name="Root">The module tree and dataflow of the model itself (<see cref="ModuleKind.Model"/>).</param>
/// <param name="Summary">The Keras-style summary table (see <see cref="ModelSummary"/>).</param>
public sealed record CheckedModel(
    string Name,
    string Namespace,
    string SourcePath,
    EquatableArray<ModelInput> Inputs,
    EquatableArray<ModelOutput> Outputs,
    ModuleDefinition Root,
    string Summary)
{
    public ParameterCount Parameters => Root.Parameters;

    /// <summary>Every member, depth first in registration order, with its dotted path.</summary>
    public IEnumerable<MemberPath> Walk() => Walk(Root, string.Empty, 0);

    /// <summary>The layers (leaves) with their paths, in registration order — the rows of the summary.</summary>
    public IEnumerable<MemberPath> Layers() => Walk().Where(m => m.Member is CheckedLayer);

    /// <summary>The member at a dotted path (<c>learner.residual_group_0</c>), or null (for <c>freeze</c> lists).</summary>
    public ModuleMember? FindMember(string path)
    {
        ModuleDefinition? definition = Root;
        ModuleMember? current = null;
        foreach (var segment in path.Split('.'))
        {
            current = definition?.FindMember(segment);
            if (current is null)
            {
                return null;
            }

            definition = (current as CheckedModule)?.Definition;
        }

        return current;
    }

    private static IEnumerable<MemberPath> Walk(ModuleDefinition definition, string prefix, int depth)
    {
        foreach (var member in definition.Members)
        {
            var path = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
            yield return new MemberPath(path, depth, member);
            if (member is CheckedModule module)
            {
                foreach (var nested in Walk(module.Definition, path, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }
}
