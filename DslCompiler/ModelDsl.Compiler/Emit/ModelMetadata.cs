using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Writes a model's static metadata, the same for every backend: input and output shapes (per example, batch
/// excluded; a symbolic size is -1 and named in the XML doc), parameter counts and the Keras-style summary.
/// </summary>
public static class ModelMetadata
{
    /// <summary>Member names the metadata claims in the model class.</summary>
    public static readonly string[] MemberNames =
    {
        "InputShape", "OutputShape", "TrainableParameters", "NonTrainableParameters", "TotalParameters", "Summary",
    };

    public static void Write(CodeWriter writer, CheckedModel model, NameScope scope)
    {
        if (model.Inputs.Count == 1)
        {
            WriteShape(writer, "InputShape", "The shape of one input example (the batch dimension excluded)", model.Inputs[0].Shape);
        }
        else
        {
            foreach (var input in model.Inputs)
            {
                WriteShape(writer, scope.Claim(CSharpNames.ToPascalCase(input.Name) + "InputShape"), $"The shape of one <c>{CSharpLiterals.XmlDocText(input.Name)}</c> example (the batch dimension excluded)", input.Shape);
            }
        }

        if (model.Outputs.Count == 1)
        {
            WriteShape(writer, "OutputShape", "The shape of one output example (the batch dimension excluded)", model.Outputs[0].Shape);
        }
        else
        {
            foreach (var output in model.Outputs)
            {
                WriteShape(writer, scope.Claim(CSharpNames.ToPascalCase(output.Name ?? output.Value) + "OutputShape"), $"The shape of one <c>{CSharpLiterals.XmlDocText(output.Name ?? output.Value)}</c> output example (the batch dimension excluded)", output.Shape);
            }
        }

        writer.BlankLine();
        writer.Line("/// <summary>Parameters updated by training: " + ModuleClassPlan.Count(model.Parameters.Trainable) + ".</summary>");
        writer.Line("public const long TrainableParameters = " + CSharpLiterals.Long(model.Parameters.Trainable) + ";");
        writer.BlankLine();
        writer.Line("/// <summary>Parameters not updated by gradients (batch-norm running statistics): " + ModuleClassPlan.Count(model.Parameters.NonTrainable) + ".</summary>");
        writer.Line("public const long NonTrainableParameters = " + CSharpLiterals.Long(model.Parameters.NonTrainable) + ";");
        writer.BlankLine();
        writer.Line("/// <summary>The Keras-style summary: every layer with its output shape and parameter count, then the totals.</summary>");
        writer.Line("public const string Summary =");
        using (writer.Indented())
        {
            var lines = SplitLines(model.Summary);
            for (var i = 0; i < lines.Count; i++)
            {
                writer.Line(CSharpLiterals.String(lines[i]) + (i == lines.Count - 1 ? ";" : " +"));
            }
        }
    }

    /// <summary>The shape as C# <c>long</c> literals, -1 for a symbolic size.</summary>
    public static string ShapeArray(Shape shape) =>
        "new long[] { " + string.Join(", ", shape.Dims.Select(d => d.IsConstant ? CSharpLiterals.Long(d.Constant) : "-1")) + " }";

    private static void WriteShape(CodeWriter writer, string name, string description, Shape shape)
    {
        writer.BlankLine();
        var symbolic = shape.IsConcrete ? string.Empty : " Symbolic sizes are -1.";
        writer.Line("/// <summary>" + description + ": <c>" + CSharpLiterals.XmlDocText(shape.ToExampleString()) + "</c>." + symbolic + "</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<long> " + name + " { get; } = " + ShapeArray(shape) + ";");
    }

    // Each line of the summary keeps its "\n", so the constant is exactly the rendered text.
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text.Substring(start, i - start + 1));
                start = i + 1;
            }
        }

        if (start < text.Length || lines.Count == 0)
        {
            lines.Add(text.Substring(start));
        }

        return lines;
    }
}
