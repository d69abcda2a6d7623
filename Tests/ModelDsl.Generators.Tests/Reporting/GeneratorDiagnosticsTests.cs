using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Compiler;
using ModelDsl.Generators.Reporting;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Reporting;

/// <summary>
/// The generator reports the compiler's diagnostics itself, from its source output: they are then part of the
/// compilation's diagnostics, which the command-line compiler prints even when the C# has errors (it skips analyzers
/// then, which is why an analyzer was not enough).
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    [Fact]
    public void Valid_files_report_nothing()
    {
        var result = new ModelProject()
            .WithModel("mnist.model", TestModels.Mnist)
            .WithModel("multi.model", TestModels.AgeAndGender)
            .RunGenerator();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Syntax_error_is_reported_on_the_model_file()
    {
        var result = new ModelProject().WithModel("broken.model", TestModels.Unclosed).RunGenerator();

        var errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.StartsWith("MD1", error.Id, StringComparison.Ordinal);
            Assert.Equal(ModelProject.PathOf("broken.model"), error.Location.GetLineSpan().Path);
            Assert.Equal(LocationKind.ExternalFile, error.Location.Kind);
        });
    }

    [Fact]
    public void Every_compiler_diagnostic_is_reported_once_at_its_line_and_column()
    {
        var project = new ModelProject()
            .WithModel("broken.model", TestModels.Unclosed)
            .WithModel("shapes.model", TestModels.DenseWithoutFlatten)
            .WithModel("mnist.model", TestModels.Mnist);
        var expected = ModelCompiler.Compile(
            project.ModelFiles.Select(pair => new SourceFile(ModelProject.PathOf(pair.Key), pair.Value)).ToList(),
            new ModelDsl.Compiler.CompilationOptions(Backend.TorchSharp, "App", Emit: false)).Diagnostics;

        var actual = project.RunGenerator().Diagnostics;

        Assert.Contains(expected, diagnostic => diagnostic.Id == "MD3001");
        Assert.Equal(
            expected.Select(d => (d.Id, d.Span.FilePath, d.Span.Line - 1, d.Span.Column - 1, d.Message)).OrderBy(item => item),
            actual.Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character, d.GetMessage(CultureInfo.InvariantCulture))).OrderBy(item => item));
    }

    [Fact]
    public void One_generator_run_reports_one_mistake_of_each_family()
    {
        var result = new ModelProject().WithModel("five.model", TestModels.OneMistakeOfEachFamily).RunGenerator();

        var errors = result.Diagnostics
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => (diagnostic.Id, Line: diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1))
            .OrderBy(error => error.Line)
            .ToList();

        // shape, name, argument, syntax, training — each at its own line, and nothing that follows from them.
        Assert.Equal(new[] { ("MD3001", 4), ("MD2003", 5), ("MD2004", 6), ("MD1001", 7), ("MD4006", 13) }, errors);
    }

    [Fact]
    public void Diagnostics_are_reported_when_the_csharp_has_errors_too()
    {
        var project = new ModelProject()
            .WithModel("shapes.model", TestModels.DenseWithoutFlatten)
            .WithCSharp("Broken.cs", "namespace App; public static class Broken { public static int Value => undefinedName; }");

        var (generator, csharpErrors, output) = project.Build();

        Assert.Contains(csharpErrors, error => error.Id == "CS0103");
        Assert.Contains(generator, diagnostic => diagnostic.Id == "MD3001" && diagnostic.Location.GetLineSpan().Path == ModelProject.PathOf("shapes.model"));
        Assert.Single(generator, diagnostic => diagnostic.Id == "MD3001");
        Assert.NotNull(output);
    }

    [Fact]
    public void A_file_listed_twice_reports_its_diagnostics_once()
    {
        var project = new ModelProject().WithModel("broken.model", TestModels.Unclosed);
        var texts = project.AdditionalTexts.AddRange(project.AdditionalTexts);

        var result = project.CreateDriver(texts).RunGenerators(project.CreateCompilation()).GetRunResult().Results.Single();

        Assert.NotEmpty(result.Diagnostics);
        Assert.Equal(result.Diagnostics.Length, result.Diagnostics.Select(diagnostic => diagnostic.ToString()).Distinct().Count());
    }

    [Fact]
    public void A_cached_run_still_reports_the_diagnostics()
    {
        var project = new ModelProject().WithModel("shapes.model", TestModels.DenseWithoutFlatten);
        var compilation = project.CreateCompilation();
        var driver = project.CreateDriver().RunGenerators(compilation);

        // An unrelated C# edit: the check is cached, and the IDE and the build must still see the error.
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public sealed class Other { }", path: "/project/Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Single(result.Diagnostics, diagnostic => diagnostic.Id == "MD3001");
    }

    [Fact]
    public void Every_catalog_id_has_its_own_descriptor()
    {
        foreach (var descriptor in ModelDsl.Compiler.Diagnostics.DiagnosticCatalog.All)
        {
            var diagnostic = new ModelDsl.Compiler.Diagnostics.Diagnostic(descriptor, ModelDsl.Compiler.Diagnostics.SourceSpan.FileStart("/p/a.model"), "message");

            var roslyn = RoslynDiagnostics.ToRoslyn(diagnostic, "/p/a.model");

            Assert.Equal(descriptor.Id, roslyn.Id);
            Assert.Equal(descriptor.Severity == ModelDsl.Compiler.Diagnostics.DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, roslyn.Severity);
        }
    }

    [Fact]
    public void Span_converts_from_one_based_to_zero_based()
    {
        var location = RoslynDiagnostics.ToLocation(new ModelDsl.Compiler.Diagnostics.SourceSpan("/p/a.model", 10, 5, 3, 7, 3, 12), "/p/a.model");

        var lineSpan = location.GetLineSpan();
        Assert.Equal("/p/a.model", lineSpan.Path);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(2, 6), lineSpan.StartLinePosition);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(2, 11), lineSpan.EndLinePosition);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(10, 5), location.SourceSpan);
    }
}
