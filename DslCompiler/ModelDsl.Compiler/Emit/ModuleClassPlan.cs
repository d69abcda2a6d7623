using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// The C# classes one model becomes, independent of the backend: the root class, and one nested class per distinct
/// <see cref="ModuleDefinition"/> (two calls of <c>bottleneck(64)</c> on equal shapes share a class). Nested classes are
/// listed in first-use order, depth first, so output is deterministic.
/// </summary>
public sealed class ModuleClassPlan
{
    private readonly Dictionary<ModuleDefinition, string> _names;

    private ModuleClassPlan(string rootClassName, IReadOnlyList<ModuleDefinition> nested, Dictionary<ModuleDefinition, string> names)
    {
        RootClassName = rootClassName;
        NestedDefinitions = nested;
        _names = names;
    }

    /// <summary>The model's class name (<c>ResNet50</c>).</summary>
    public string RootClassName { get; }

    /// <summary>Distinct nested module definitions, in first-use order.</summary>
    public IReadOnlyList<ModuleDefinition> NestedDefinitions { get; }

    /// <summary>The class that implements <paramref name="definition"/> (the root's name for the root).</summary>
    public string ClassName(ModuleDefinition definition) => _names.TryGetValue(definition, out var name) ? name : RootClassName;

    /// <param name="model">The checked model.</param>
    /// <param name="scope">The root class's member scope: nested class names are claimed in it, so they never clash
    /// with the root's members (claim those first) or with each other.</param>
    public static ModuleClassPlan Create(CheckedModel model, NameScope scope)
    {
        var rootClassName = CSharpNames.ToPascalCase(model.Name);
        var nested = new List<ModuleDefinition>();
        Collect(model.Root, nested, new HashSet<ModuleDefinition>());

        // A declaration used with one definition keeps its plain name; several get their arguments as a suffix.
        var perDeclaration = nested
            .GroupBy(d => (d.Kind, d.Declaration))
            .ToDictionary(g => g.Key, g => g.Count());
        var names = new Dictionary<ModuleDefinition, string>();
        foreach (var definition in nested)
        {
            var baseName = BaseName(definition);
            if (perDeclaration[(definition.Kind, definition.Declaration)] > 1 && !definition.Arguments.IsEmpty)
            {
                baseName += ArgumentSuffix(definition);
            }

            names[definition] = scope.Claim(baseName);
        }

        return new ModuleClassPlan(rootClassName, nested, names);
    }

    // residual_group → ResidualGroup; bottleneck → BottleneckBlock; stem → StemSection. The kind suffix keeps class names
    // apart from the properties that hold instances (a property Stem of type Stem cannot be declared in one class).
    private static string BaseName(ModuleDefinition definition)
    {
        var pascal = CSharpNames.ToPascalCase(definition.Declaration).TrimStart('@');
        var suffix = definition.Kind switch
        {
            ModuleKind.Section => "Section",
            ModuleKind.Block => "Block",
            ModuleKind.Group => "Group",
            _ => "Module",
        };
        return pascal.EndsWith(suffix, System.StringComparison.Ordinal) ? pascal : pascal + suffix;
    }

    private static string ArgumentSuffix(ModuleDefinition definition)
    {
        var suffix = new StringBuilder();
        foreach (var argument in definition.Arguments)
        {
            suffix.Append('_');
            foreach (var c in argument.Value.ToString() ?? string.Empty)
            {
                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
                {
                    suffix.Append(c);
                }
                else if (c == '.')
                {
                    suffix.Append('p');
                }
                else if (c == '-')
                {
                    suffix.Append('m');
                }
            }
        }

        return suffix.ToString();
    }

    private static void Collect(ModuleDefinition definition, List<ModuleDefinition> nested, HashSet<ModuleDefinition> seen)
    {
        foreach (var member in definition.Members)
        {
            if (member is CheckedModule module)
            {
                if (seen.Add(module.Definition))
                {
                    nested.Add(module.Definition);
                }

                Collect(module.Definition, nested, seen);
            }
        }
    }

    internal static string Describe(ModuleDefinition definition) =>
        definition.Arguments.IsEmpty
            ? definition.Declaration
            : definition.Declaration + "(" + string.Join(", ", definition.Arguments.Select(a => a.Name + ": " + a.Value)) + ")";

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
