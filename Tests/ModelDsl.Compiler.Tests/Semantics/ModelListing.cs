using System.Globalization;
using System.Linq;
using System.Text;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>Renders a checked model's module tree and dataflow as text, for the <c>main.forward.txt</c> baselines: every
/// step with its shape, every layer with its resolved arguments and parameter counts.</summary>
internal static class ModelListing
{
    public static string Render(CheckedModel model)
    {
        var text = new StringBuilder();
        text.Append("model ").Append(model.Name).Append(" in ").Append(model.Namespace).Append('\n');
        foreach (var input in model.Inputs)
        {
            text.Append("  input ").Append(input.Name).Append(' ').Append(input.Shape).Append('\n');
        }

        foreach (var output in model.Outputs)
        {
            text.Append("  output ").Append(output.Name ?? "(unnamed)").Append(" = ").Append(output.Value).Append(' ').Append(output.Shape)
                .Append(" final activation: ").Append(output.FinalActivation?.ToString() ?? "none").Append('\n');
        }

        Definition(model.Root, "  ", text);
        return text.ToString();
    }

    private static void Definition(ModuleDefinition definition, string indent, StringBuilder text)
    {
        foreach (var step in definition.Steps)
        {
            text.Append(indent).Append(step.Result).Append(" = ");
            if (step.Kind == StepKind.Alias)
            {
                text.Append(step.Inputs[0]);
            }
            else
            {
                text.Append(step.Member).Append('(').Append(string.Join(", ", step.Inputs)).Append(')');
            }

            text.Append("  ").Append(step.Shape).Append('\n');
            var member = step.Member is null ? null : definition.FindMember(step.Member);
            switch (member)
            {
                case CheckedLayer layer:
                    text.Append(indent).Append("    ").Append(layer.Type).Append(' ').Append(layer.Arguments)
                        .Append(" params ").Append(layer.Count.Trainable.ToString(CultureInfo.InvariantCulture))
                        .Append('+').Append(layer.Count.NonTrainable.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    break;
                case CheckedModule module:
                    var d = module.Definition;
                    text.Append(indent).Append("    ").Append(d.Kind).Append(' ').Append(d.Declaration)
                        .Append('(').Append(string.Join(", ", d.Arguments.Select(a => a.ToString()))).Append(") on ")
                        .Append(string.Join(", ", d.Inputs.Select(i => i.Name + " " + i.Shape)))
                        .Append(" returns ").Append(d.Outputs[0].Name).Append(" params ").Append(d.Parameters.Total.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    Definition(d, indent + "      ", text);
                    break;
            }
        }
    }
}
