using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Semantics;

/// <summary>One run of the compiler over a set of files (the body of <see cref="ModelCompiler.Compile"/>):
/// parse → imports → declarations → per-model expansion and shape checking → (training checks, emission).</summary>
internal static class Compilation
{
    public static CompilationResult Run(IReadOnlyList<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        var parsed = new List<ParseResult>(files.Count);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            parsed.Add(ModelParser.Parse(file));
        }

        return Run(parsed, options, cancellationToken);
    }

    /// <summary>The same over files parsed earlier (the generator parses each file in its own cached step).</summary>
    public static CompilationResult Run(IReadOnlyList<ParseResult> parsedFiles, CompilationOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var trees = new List<ModelFileSyntax>(parsedFiles.Count);
        foreach (var parsed in parsedFiles)
        {
            diagnostics.AddRange(parsed.Diagnostics);
            trees.Add(parsed.Root);
        }

        ImportResolver.Check(trees, diagnostics);
        var table = DeclarationTable.Build(trees, diagnostics);
        DeclarationChecker.Check(trees, table, diagnostics);
        var generatedNames = GeneratedNameChecker.Check(trees, options);
        diagnostics.AddRange(generatedNames.Diagnostics);

        var models = new List<CheckedModel>();
        var lets = new LetUsage();
        foreach (var tree in trees)
        {
            var @namespace = tree.Namespace?.Name ?? options.DefaultNamespace;
            var defaults = LayerDefaultsReader.Read(tree, diagnostics);
            foreach (var model in tree.Declarations.OfType<ModelDeclarationSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var expanded = new ModelExpander(table, diagnostics, lets, cancellationToken, defaults).Expand(model, @namespace);
                    if (expanded is not null && !generatedNames.RejectedModels.Contains(expanded.Name))
                    {
                        models.Add(expanded);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A compiler bug must not take the build down: report it on the declaration and carry on.
                    diagnostics.Add(DiagnosticCatalog.InternalErrorAt(model.Name.Span, model.Name.Name, exception.GetType().Name + ": " + exception.Message));
                }
            }
        }

        diagnostics.AddRange(lets.Unused());
        var trainings = CheckTrainings(trees, models, diagnostics)
            .Where(training => !generatedNames.RejectedTrainings.Contains(training.Name))
            .ToEquatableArray();

        var sources = options.Emit ? EmitSources(models, trainings, options, diagnostics) : EquatableArray<GeneratedSource>.Empty;
        return new CompilationResult(
            Order(diagnostics.Items, trees).ToEquatableArray(),
            models.ToEquatableArray(),
            trainings,
            sources);
    }

    /// <summary>Emits C# for the models without errors (the emitters own what is written; this only guards the build).</summary>
    private static EquatableArray<GeneratedSource> EmitSources(List<CheckedModel> models, EquatableArray<CheckedTraining> trainings, CompilationOptions options, DiagnosticBag diagnostics)
    {
        try
        {
            return SourceEmitter.Emit(models, trainings, options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var span = SourceSpan.FileStart(models.Count == 0 ? string.Empty : models[0].SourcePath);
            diagnostics.Add(DiagnosticCatalog.InternalErrorAt(span, "code generation", exception.GetType().Name + ": " + exception.Message));
            return EquatableArray<GeneratedSource>.Empty;
        }
    }

    /// <summary>Checks every <c>train</c> declaration against its model; a model with errors maps to null, so its
    /// trainings report only their own independent mistakes.</summary>
    private static EquatableArray<CheckedTraining> CheckTrainings(List<ModelFileSyntax> trees, List<CheckedModel> models, DiagnosticBag diagnostics)
    {
        var trains = trees.SelectMany(t => t.Declarations.OfType<TrainDeclarationSyntax>()).ToList();
        var byName = new Dictionary<string, TrainingModel?>(StringComparer.Ordinal);
        foreach (var model in trees.SelectMany(t => t.Declarations.OfType<ModelDeclarationSyntax>()))
        {
            byName[model.Name.Name] = null;
        }

        foreach (var model in models)
        {
            byName[model.Name] = TrainingModelFactory.From(model);
        }

        if (trains.Count == 0)
        {
            return EquatableArray<CheckedTraining>.Empty;
        }

        try
        {
            var (trainings, trainingDiagnostics) = TrainingChecker.CheckAll(trains, byName);
            diagnostics.AddRange(trainingDiagnostics);
            return trainings;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticCatalog.InternalErrorAt(trains[0].Name.Span, "the train declarations", exception.GetType().Name + ": " + exception.Message));
            return EquatableArray<CheckedTraining>.Empty;
        }
    }

    /// <summary>By file (in the order given), then position, then ID: stable output for tools and baselines.</summary>
    private static IEnumerable<Diagnostic> Order(IEnumerable<Diagnostic> diagnostics, IReadOnlyList<ModelFileSyntax> trees)
    {
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < trees.Count; i++)
        {
            if (!fileOrder.ContainsKey(trees[i].Span.FilePath))
            {
                fileOrder[trees[i].Span.FilePath] = i;
            }
        }

        return diagnostics
            .OrderBy(d => fileOrder.TryGetValue(d.Span.FilePath, out var index) ? index : int.MaxValue)
            .ThenBy(d => d.Span.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal);
    }
}
