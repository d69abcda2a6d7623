using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Renders the Keras-style summary of a model: one row per layer (qualified name, type, output shape, parameters),
/// then the totals. The last three lines are always exactly <c>Total params: 25,636,712</c>,
/// <c>Trainable params: …</c>, <c>Non-trainable params: …</c> (invariant culture, thousands separators).
/// </summary>
public static class ModelSummary
{
    private const string LayerHeader = "Layer (type)";
    private const string ShapeHeader = "Output Shape";
    private const string ParamHeader = "Param #";

    public static string Render(string modelName, ModuleDefinition root)
    {
        var rows = new List<string[]>();
        Collect(root, string.Empty, rows);

        var nameWidth = Math.Max(LayerHeader.Length, rows.Count == 0 ? 0 : rows.Max(r => r[0].Length)) + 2;
        var shapeWidth = Math.Max(ShapeHeader.Length, rows.Count == 0 ? 0 : rows.Max(r => r[1].Length)) + 2;
        var paramWidth = Math.Max(ParamHeader.Length, rows.Count == 0 ? 0 : rows.Max(r => r[2].Length));
        var width = nameWidth + shapeWidth + paramWidth;

        var text = new StringBuilder();
        text.Append("Model: \"").Append(modelName).Append("\"\n");
        text.Append('_', width).Append('\n');
        text.Append(LayerHeader.PadRight(nameWidth)).Append(ShapeHeader.PadRight(shapeWidth)).Append(ParamHeader).Append('\n');
        text.Append('=', width).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row[0].PadRight(nameWidth)).Append(row[1].PadRight(shapeWidth)).Append(row[2]).Append('\n');
        }

        text.Append('=', width).Append('\n');
        text.Append("Total params: ").Append(Format(root.Parameters.Total)).Append('\n');
        text.Append("Trainable params: ").Append(Format(root.Parameters.Trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(Format(root.Parameters.NonTrainable)).Append('\n');
        return text.ToString();
    }

    /// <summary><c>25,636,712</c>.</summary>
    public static string Format(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static void Collect(ModuleDefinition definition, string prefix, List<string[]> rows)
    {
        foreach (var member in definition.Members)
        {
            var path = prefix.Length == 0 ? member.Name : prefix + "." + member.Name;
            switch (member)
            {
                case CheckedLayer layer:
                    rows.Add(new[] { path + " (" + layer.Type + ")", layer.Output.ToString(), Format(layer.Count.Total) });
                    break;
                case CheckedModule module:
                    Collect(module.Definition, path, rows);
                    break;
            }
        }
    }
}
