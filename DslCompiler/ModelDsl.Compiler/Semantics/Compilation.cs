using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>One run of the compiler over a set of files (the body of <see cref="ModelCompiler.Compile"/>):
/// parse → imports → declarations → per-model expansion and shape checking → (training checks, emission).</summary>
internal static class Compilation
{
    public static CompilationResult Run(IReadOnlyList<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var trees = new List<ModelFileSyntax>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = ModelParser.Parse(file);
            diagnostics.AddRange(parsed.Diagnostics);
            trees.Add(parsed.Root);
        }

        ImportResolver.Check(trees, diagnostics);
        var table = DeclarationTable.Build(trees, diagnostics);
        DeclarationChecker.Check(trees, table, diagnostics);

        var models = new List<CheckedModel>();
        var lets = new LetUsage();
        foreach (var tree in trees)
        {
            var @namespace = tree.Namespace?.Name ?? options.DefaultNamespace;
            foreach (var model in tree.Declarations.OfType<ModelDeclarationSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var expanded = new ModelExpander(table, diagnostics, lets, cancellationToken).Expand(model, @namespace);
                    if (expanded is not null)
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

        // Seams for the other stages: the Training checker (train declarations against these models) and the emitters
        // (sources for the models and trainings without errors, when options.Emit is set) plug in here.
        return new CompilationResult(
            Order(diagnostics.Items, files).ToEquatableArray(),
            models.ToEquatableArray(),
            options.Emit ? Emit.SourceEmitter.Emit(models, options) : EquatableArray<GeneratedSource>.Empty);
    }

    /// <summary>By file (in the order given), then position, then ID: stable output for tools and baselines.</summary>
    private static IEnumerable<Diagnostic> Order(IEnumerable<Diagnostic> diagnostics, IReadOnlyList<SourceFile> files)
    {
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (!fileOrder.ContainsKey(files[i].Path))
            {
                fileOrder[files[i].Path] = i;
            }
        }

        return diagnostics
            .OrderBy(d => fileOrder.TryGetValue(d.Span.FilePath, out var index) ? index : int.MaxValue)
            .ThenBy(d => d.Span.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal);
    }
}
