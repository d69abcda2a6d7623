using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelDsl.Compiler;
using ModelDsl.Generators.Analysis;
using ModelDsl.Generators.Pipeline;
using ModelDsl.Generators.Tests.Infrastructure;
using CompilationOptions = ModelDsl.Compiler.CompilationOptions;
using Xunit;

namespace ModelDsl.Generators.Tests.Analysis;

public sealed class ModelDiagnosticAnalyzerTests
{
    [Fact]
    public void Valid_files_report_nothing()
    {
        var diagnostics = new ModelProject()
            .WithModel("mnist.model", TestModels.Mnist)
            .WithModel("multi.model", TestModels.AgeAndGender)
            .RunAnalyzer();

        Assert.Empty(diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Syntax_error_is_reported_on_the_model_file()
    {
        var diagnostics = new ModelProject().WithModel("broken.model", TestModels.Unclosed).RunAnalyzer();

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        var errors = diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
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
        var expected = ModelDslCompilation.Check(
            ModelFiles.ReadAll(project.AdditionalTexts, default),
            new CompilationOptions(Backend.Cpu, "App", false),
            default).Diagnostics;

        var actual = project.RunAnalyzer();

        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Select(diagnostic => (diagnostic.Id, diagnostic.Span.FilePath, diagnostic.Span.Line - 1, diagnostic.Span.Column - 1, diagnostic.Message)).OrderBy(item => item),
            actual.Select(diagnostic => (diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).OrderBy(item => item));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_file_listed_twice_reports_its_diagnostics_once()
    {
        var project = new ModelProject().WithModel("broken.model", TestModels.Unclosed);
        var texts = project.AdditionalTexts.AddRange(project.AdditionalTexts);
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(texts, project.OptionsProvider);
        var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new ModelDiagnosticAnalyzer());

        var diagnostics = await project.CreateCompilation().WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        // Roslyn runs the file action once per listed file; the user must still see each problem once.
        Assert.NotEmpty(diagnostics);
        Assert.Equal(diagnostics.Length, diagnostics.Select(diagnostic => diagnostic.ToString()).Distinct().Count());
    }

    [Fact]
    public void Supported_diagnostics_cover_the_whole_catalog()
    {
        var supported = new ModelDiagnosticAnalyzer().SupportedDiagnostics.Select(descriptor => descriptor.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var descriptor in ModelDsl.Compiler.Diagnostics.DiagnosticCatalog.All)
        {
            Assert.Contains(descriptor.Id, supported);
        }

        Assert.Contains(RoslynDiagnostics.InternalErrorId, supported);
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
