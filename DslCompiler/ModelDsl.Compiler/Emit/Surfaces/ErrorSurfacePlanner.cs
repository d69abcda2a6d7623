using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Emit.Surfaces;

/// <summary>
/// Decides which declarations need an <see cref="ErrorSurface"/>: every <c>model</c> and <c>train</c> whose type the
/// compilation did not emit, once per C# type name (a name that is emitted for real, or planned already, is skipped,
/// so a stand-in never collides with a real type).
/// </summary>
public static class ErrorSurfacePlanner
{
    /// <summary>The most error lines one stand-in names; the build output lists them all anyway.</summary>
    public const int MaxErrors = 10;

    private const string FallbackNamespace = "ModelDsl.Generated";

    public static EquatableArray<ErrorSurface> Plan(IReadOnlyList<ModelFileSyntax> trees, CompilationResult result, CompilationOptions options)
    {
        var errors = result.Diagnostics.Where(diagnostic => diagnostic.IsError).ToList();
        if (errors.Count == 0)
        {
            return EquatableArray<ErrorSurface>.Empty;
        }

        var defaultNamespace = CSharpNames.ToNamespace(options.DefaultNamespace, FallbackNamespace);
        // The types emitted for real: a stand-in must never collide with one.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in result.Models)
        {
            var @namespace = CSharpNames.ToNamespace(model.Namespace, defaultNamespace);
            taken.Add(Key(@namespace, CSharpNames.ToPascalCase(model.Name)));
            foreach (var training in result.Trainings.Where(training => training.ModelName == model.Name))
            {
                taken.Add(Key(@namespace, CSharpNames.ToPascalCase(training.TrainerName)));
            }
        }

        // Declarations whose C# names cannot work (MD2081–MD2084) get no stand-in either: it would collide the same way.
        var rejected = GeneratedNameChecker.Check(trees, options);
        var modelNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var surfaces = new List<ErrorSurface>();
        foreach (var tree in trees)
        {
            var @namespace = CSharpNames.ToNamespace(tree.Namespace?.Name ?? options.DefaultNamespace, defaultNamespace);
            foreach (var model in tree.Declarations.OfType<ModelDeclarationSyntax>())
            {
                if (!modelNamespaces.ContainsKey(model.Name.Name))
                {
                    modelNamespaces.Add(model.Name.Name, @namespace);
                }

                var typeName = CSharpNames.ToPascalCase(model.Name.Name);
                if (!rejected.RejectedModels.Contains(model.Name.Name) && taken.Add(Key(@namespace, typeName)))
                {
                    surfaces.Add(new ModelErrorSurface(
                        typeName,
                        @namespace,
                        tree.Span.FilePath,
                        ErrorsOf(model, tree, errors),
                        model.Name.Name,
                        InputsOf(model),
                        OutputsOf(model.Body).Where(name => !GeneratedNameChecker.TooLong(name)).ToEquatableArray()));
                }
            }
        }

        foreach (var tree in trees)
        {
            var fileNamespace = CSharpNames.ToNamespace(tree.Namespace?.Name ?? options.DefaultNamespace, defaultNamespace);
            foreach (var train in tree.Declarations.OfType<TrainDeclarationSyntax>())
            {
                // As emitted for real: the trainer lives beside its model, in the model's namespace.
                var hasModel = modelNamespaces.TryGetValue(train.Model.Name, out var modelNamespace);
                var modelExists = hasModel && !rejected.RejectedModels.Contains(train.Model.Name);
                var @namespace = hasModel ? modelNamespace! : fileNamespace;
                var typeName = CSharpNames.ToPascalCase(train.Name.Name + "Trainer");
                if (!rejected.RejectedTrainings.Contains(train.Name.Name) && taken.Add(Key(@namespace, typeName)))
                {
                    surfaces.Add(new TrainerErrorSurface(
                        typeName,
                        @namespace,
                        tree.Span.FilePath,
                        ErrorsOf(train, tree, errors),
                        modelExists ? "global::" + @namespace + "." + CSharpNames.ToPascalCase(train.Model.Name) : null));
                }
            }
        }

        return surfaces.ToEquatableArray();
    }

    /// <summary>As a compiler prints it, with the file name only: <c>mnist.model(4,5): error MD3001: …</c>.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): error {3}: {4}", FileName(diagnostic.Span.FilePath), diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Id, diagnostic.Message);

    // The errors inside the declaration; else those of its file (a model it trains, a block it uses); else all of them.
    private static EquatableArray<string> ErrorsOf(DeclarationSyntax declaration, ModelFileSyntax tree, List<Diagnostic> errors)
    {
        var path = tree.Span.FilePath;
        var inside = errors.Where(e => e.Span.FilePath == path && e.Span.Start >= declaration.Span.Start && e.Span.Start <= declaration.Span.Start + declaration.Span.Length).ToList();
        var chosen = inside.Count > 0 ? inside : errors.Where(e => e.Span.FilePath == path).ToList();
        if (chosen.Count == 0)
        {
            chosen = errors;
        }

        return chosen.Take(MaxErrors).Select(Describe).ToEquatableArray();
    }

    // Declared inputs, and those whose line had a syntax error (the parser kept their names).
    private static EquatableArray<string> InputsOf(ModelDeclarationSyntax model)
    {
        var names = model.Inputs.Select(input => input.Name.Name)
            .Concat(model.Body.OfType<SkippedStatementSyntax>().Where(s => s.Keyword == "input" && s.DeclaredName is not null).Select(s => s.DeclaredName!.Name))
            .Where(name => !GeneratedNameChecker.TooLong(name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (names.Count == 0 ? new List<string> { "input" } : names).ToEquatableArray();
    }

    // Outputs may be declared at the top of the body or inside a section.
    private static IEnumerable<string> OutputsOf(IEnumerable<StatementSyntax> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case OutputStatementSyntax output:
                    yield return output.Name.Name;
                    break;
                case SkippedStatementSyntax { Keyword: "output", DeclaredName: { } name }:
                    yield return name.Name;
                    break;
                case SectionStatementSyntax section:
                    foreach (var name in OutputsOf(section.Body))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }

    private static string Key(string @namespace, string typeName) => @namespace + "." + typeName;

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
