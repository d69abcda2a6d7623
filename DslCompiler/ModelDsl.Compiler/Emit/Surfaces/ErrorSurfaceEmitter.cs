using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Emit.Cpu;
using ModelDsl.Compiler.Emit.TorchSharp;

namespace ModelDsl.Compiler.Emit.Surfaces;

/// <summary>
/// Writes the C# of an <see cref="ErrorSurface"/>: the type the user's code names, with the members it calls (the same
/// names and parameter lists as the real emission on that backend), every one of them throwing
/// <see cref="System.InvalidOperationException"/> that lists the <c>.model</c> errors. It only exists in a build that
/// already fails with those errors, so it can never run by accident; it only keeps C# errors out of that build.
/// </summary>
public static class ErrorSurfaceEmitter
{
    private const string Runtime = "global::ModelDsl.Runtime";
    private const string Dataset = Runtime + ".Data.Dataset";
    private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    /// <summary>The stand-in's file, named as the real type's file would be.</summary>
    public static GeneratedSource Emit(ErrorSurface surface, Backend backend)
    {
        var writer = new CodeWriter();
        GeneratedFileHeader.Write(writer, surface.SourcePath, surface.Namespace);
        switch (surface)
        {
            case ModelErrorSurface model:
                WriteModel(writer, model, backend);
                break;
            case TrainerErrorSurface trainer:
                WriteTrainer(writer, trainer, backend);
                break;
        }

        return new GeneratedSource(surface.Namespace + "." + surface.TypeName + ".g.cs", writer.ToString());
    }

    private static void WriteModel(CodeWriter writer, ModelErrorSurface model, Backend backend)
    {
        var torch = backend == Backend.TorchSharp;
        var tensor = torch ? TorchSharpTypes.Tensor : CpuTypes.Tensor;
        var maxInputs = torch ? 6 : 16;
        var multiple = model.Outputs.Count > 1;
        var result = multiple ? model.TypeName + ".Outputs" : tensor;
        var inputs = model.Inputs.Count;
        var generic = inputs <= maxInputs && (torch || inputs == 1);
        var @base = !generic
            ? (torch ? TorchSharpTypes.Nn + ".Module" : CpuTypes.Module)
            : torch ? TorchSharpTypes.Module(inputs, result) : $"{CpuTypes.Modules}.Module<{tensor}, {result}>";

        WriteTypeDocs(writer, model, $"the <c>{CSharpLiterals.XmlDocText(model.ModelName)}</c> model");
        using (writer.Block($"public sealed partial class {model.TypeName} : {@base}"))
        {
            WriteErrors(writer, model);
            writer.BlankLine();
            writer.Line(torch
                ? $"public {model.TypeName}() : base(UnusableName())"
                : $"public {model.TypeName}({CpuTypes.Generator}? generator = null)");
            writer.Line("{");
            writer.Line("    throw Unusable();");
            writer.Line("}");

            var scope = new NameScope(ForwardVariables.Current);
            var parameters = string.Join(", ", model.Inputs.Select(input => tensor + " " + scope.Claim(CSharpNames.ToCamelCase(input))));
            var forward = torch ? "forward" : "Forward";
            writer.BlankLine();
            writer.Line($"public {(generic ? "override " : string.Empty)}{(multiple ? "Outputs" : tensor)} {forward}({parameters}) => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public {(multiple ? "Outputs" : tensor)} ForwardLogits({parameters}) => throw Unusable();");

            var shapes = new List<string>();
            shapes.AddRange(inputs == 1 ? new[] { "InputShape" } : model.Inputs.Select(input => CSharpNames.ToPascalCase(input) + "InputShape"));
            shapes.AddRange(!multiple ? new[] { "OutputShape" } : model.Outputs.Select(output => CSharpNames.ToPascalCase(output) + "OutputShape"));
            foreach (var shape in shapes.Distinct())
            {
                writer.BlankLine();
                writer.Line($"public static {ReadOnlyList}<long> {shape} => throw Unusable();");
            }

            writer.BlankLine();
            writer.Line("public static long TrainableParameters => throw Unusable();");
            writer.BlankLine();
            writer.Line("public static long NonTrainableParameters => throw Unusable();");
            writer.BlankLine();
            writer.Line("public static string Summary => throw Unusable();");

            if (multiple)
            {
                var names = new NameScope("Outputs", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "Clone");
                writer.BlankLine();
                writer.Line($"public sealed record Outputs({string.Join(", ", model.Outputs.Select(output => tensor + " " + names.Claim(CSharpNames.ToPascalCase(output))))});");
            }

            WriteHelpers(writer, withName: torch);
        }
    }

    private static void WriteTrainer(CodeWriter writer, TrainerErrorSurface trainer, Backend backend)
    {
        // The trainer API is the same on both backends (TrainerParts), plus Device (TorchSharp) or Session (Cpu).
        var torch = backend == Backend.TorchSharp;
        WriteTypeDocs(writer, trainer, "this trainer");
        using (writer.Block($"public sealed partial class {trainer.TypeName} : global::System.IDisposable"))
        {
            WriteErrors(writer, trainer);
            var model = trainer.ModelType is null ? null : trainer.ModelType + "? model = null, ";
            writer.BlankLine();
            writer.Line($"public {trainer.TypeName}({model}int? seed = null, string? device = null) => throw Unusable();");
            if (trainer.ModelType is not null)
            {
                writer.BlankLine();
                writer.Line($"public {trainer.ModelType} Model => throw Unusable();");
            }

            writer.BlankLine();
            writer.Line(torch
                ? $"public {TorchSharpTypes.Torch}.Device Device => throw Unusable();"
                : $"public {Runtime}.Training.ITrainingSession Session => throw Unusable();");
            writer.BlankLine();
            writer.Line("public int Seed => throw Unusable();");
            writer.BlankLine();
            writer.Line("public int? Epochs { get => throw Unusable(); set => throw Unusable(); }");
            writer.BlankLine();
            writer.Line($"public {Runtime}.Progress.IProgressReporter? Progress {{ get => throw Unusable(); set => throw Unusable(); }}");
            writer.BlankLine();
            writer.Line($"public {ReadOnlyList}<{Runtime}.Preprocessing.Normalizer>? Normalizers {{ get => throw Unusable(); set => throw Unusable(); }}");
            writer.BlankLine();
            writer.Line($"public {Runtime}.Reporting.History History => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public global::System.Collections.Generic.List<{Runtime}.Callbacks.ITrainingCallback> Callbacks => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public {Runtime}.Reporting.History Fit({Dataset} train, {Dataset}? validation = null, string? resumeFrom = null, global::System.Threading.CancellationToken cancellationToken = default) => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public global::System.Collections.Generic.Dictionary<string, double> Evaluate({Dataset} data) => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public {ReadOnlyList}<float[]> Predict({Dataset} data) => throw Unusable();");
            writer.BlankLine();
            writer.Line("public void SaveWeights(string path) => throw Unusable();");
            writer.BlankLine();
            writer.Line("public void Save(string path) => throw Unusable();");
            writer.BlankLine();
            writer.Line("public void LoadWeights(string path) => throw Unusable();");
            writer.BlankLine();
            writer.Line("public void Dispose() => throw Unusable();");
            writer.BlankLine();
            writer.Line($"public static ({Dataset} Train, {Dataset}? Validation, {Dataset}? Test) LoadData(string? directory = null) => throw Unusable();");
            WriteHelpers(writer, withName: false);
        }
    }

    private static void WriteTypeDocs(CodeWriter writer, ErrorSurface surface, string what)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Not generated: {what} has errors in <c>{CSharpLiterals.XmlDocText(FileName(surface.SourcePath))}</c> (the build reports them there). This stand-in");
        writer.Line("/// keeps the names your code uses, so the build shows the .model errors alone; every member throws.");
        writer.Line("/// </summary>");
    }

    private static void WriteErrors(CodeWriter writer, ErrorSurface surface)
    {
        var text = $"{surface.TypeName} was not generated because {FileName(surface.SourcePath)} has errors:\n" + string.Join("\n", surface.Errors.Select(error => "  " + error));
        writer.Line($"private const string Errors = {CSharpLiterals.String(text)};");
    }

    private static void WriteHelpers(CodeWriter writer, bool withName)
    {
        writer.BlankLine();
        writer.Line("private static global::System.InvalidOperationException Unusable() => new(Errors);");
        if (withName)
        {
            // The base constructor's argument: throwing here stops before TorchSharp's native library is touched.
            writer.BlankLine();
            writer.Line("private static string UnusableName() => throw Unusable();");
        }
    }

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
