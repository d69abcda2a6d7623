using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Generators.Reporting;

namespace ModelDsl.Generators;

/// <summary>
/// Compiles the project's <c>.model</c> files into C# at build time. This type only wires the steps; each step is a
/// static method elsewhere, every value between steps is value-equal (records, <c>EquatableArray</c>), and every step
/// is named in <see cref="TrackingNames"/> so the caching tests can check that unrelated edits do no work.
/// Diagnostics are reported from a source output (<see cref="DiagnosticReporter"/>), once per check of the project.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelDslGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(ModelFiles.IsModelFile)
            .WithTrackingName(TrackingNames.ModelTexts)
            .Select(ModelFiles.Read)
            .WithTrackingName(TrackingNames.ModelFiles)
            .Select(ModelFiles.Parse)
            .WithTrackingName(TrackingNames.ParsedFiles)
            .Collect()
            .Select((all, _) => ModelFiles.ToParsedSet(all))
            .WithTrackingName(TrackingNames.ModelFileSet);

        var properties = context.AnalyzerConfigOptionsProvider
            .Select((provider, _) => BuildPropertiesReader.Read(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildProperties);

        var referencesTorchSharp = context.CompilationProvider
            .Select((compilation, _) => CompilationOptionsFactory.ReferencesTorchSharp(compilation))
            .WithTrackingName(TrackingNames.ReferencesTorchSharp);

        var options = properties
            .Combine(referencesTorchSharp)
            .Select((pair, _) => CompilationOptionsFactory.Create(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.CompilationOptions);

        // Checking spans all files (imports and names cross files); emission is per model (with its trainings), so an
        // edit in one file re-emits only the models whose checked form changed.
        var check = files
            .Combine(options)
            .Select((pair, cancellationToken) => ModelDslCompilation.Check(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.CheckedModels);

        var reports = check
            .Select((project, _) => project.Report)
            .WithTrackingName(TrackingNames.Diagnostics);

        var models = check
            .Select((project, _) => project.Units)
            .WithTrackingName(TrackingNames.EmissionUnits)
            .SelectMany((units, _) => units)
            .WithTrackingName(TrackingNames.CheckedModel)
            .Combine(options)
            .Select((pair, cancellationToken) => ModelDslCompilation.Emit(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.EmittedModel)
            .Collect();

        // A model or trainer with errors still gets its type (members that throw), so C# that uses it compiles and
        // the .model errors are the build's only errors.
        var surfaces = check
            .Select((project, _) => project.Surfaces)
            .WithTrackingName(TrackingNames.ErrorSurfaces)
            .SelectMany((all, _) => all)
            .WithTrackingName(TrackingNames.ErrorSurface)
            .Combine(options)
            .Select((pair, cancellationToken) => ModelDslCompilation.EmitSurface(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.EmittedErrorSurface)
            .Collect();

        var sources = models
            .Combine(surfaces)
            .Select((pair, _) => HintNames.MakeUnique(pair.Left.Concat(pair.Right)))
            .WithTrackingName(TrackingNames.CompiledSources)
            .SelectMany((all, _) => all)
            .WithTrackingName(TrackingNames.GeneratedSource);

        context.RegisterSourceOutput(reports, static (production, report) => DiagnosticReporter.Report(production, report));
        context.RegisterSourceOutput(sources, static (production, source) =>
            production.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8)));
    }
}
