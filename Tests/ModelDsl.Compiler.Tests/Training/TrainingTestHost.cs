using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>Parses train declarations with the real parser and checks them against hand-built model views, so the
/// training checks are tested independently of shape inference.</summary>
internal static class TrainingTestHost
{
    public const string FilePath = "Models/test.model";

    public static TrainDeclarationSyntax ParseTrain(string source)
    {
        var result = ModelParser.Parse(new SourceFile(FilePath, source));
        Assert.False(result.HasErrors, "syntax errors: " + string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Root.Declarations.OfType<TrainDeclarationSyntax>());
    }

    public static TrainingCheckResult Check(string source, TrainingModel? model, params string[] otherModels)
    {
        var train = ParseTrain(source);
        var declared = otherModels.Concat(model is null ? Enumerable.Empty<string>() : new[] { model.Name }).ToList();
        return TrainingChecker.Check(train, model, declared);
    }

    /// <summary>Checks and asserts success without errors; returns the record.</summary>
    public static CheckedTraining CheckValid(string source, TrainingModel model)
    {
        var result = Check(source, model);
        Assert.True(result.Training is not null, "expected no errors, got:\n" + string.Join("\n", result.Diagnostics));
        return result.Training!;
    }

    /// <summary>Asserts that checking reports <paramref name="id"/> (and returns that diagnostic).</summary>
    public static Diagnostic Expect(string id, string source, TrainingModel? model, params string[] otherModels)
    {
        var result = Check(source, model, otherModels);
        var found = result.Diagnostics.Where(diagnostic => diagnostic.Id == id).ToList();
        Assert.True(found.Count > 0, $"expected {id}, got:\n" + string.Join("\n", result.Diagnostics));
        if (found[0].IsError)
        {
            Assert.Null(result.Training);
        }

        return found[0];
    }

    public static IReadOnlyList<string> Ids(TrainingCheckResult result) => result.Diagnostics.Select(d => d.Id).ToList();

    /// <summary>The text a span covers.</summary>
    public static string TextAt(string source, SourceSpan span) => source.Substring(span.Start, span.Length);
}
