using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ModelDsl.Compiler.Diagnostics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>Every semantic diagnostic ID has a test and a section in docs/diagnostics.md, and the examples in
/// docs/language.md compile.</summary>
public sealed class CatalogCoverageTests
{
    // Reported by the CLI's loader (covered in CliTests) or only on compiler bugs (no valid input triggers it).
    private static readonly string[] CoveredElsewhere = { "MD2030", "MD2099" };

    private static readonly Regex OwnIds = new("^MD(20[0-9][0-9]|3[0-9]{3}|50[0-9][0-9])$");

    private static string Repository => Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));

    [Fact]
    public void Every_semantic_id_appears_in_a_baseline()
    {
        var reported = Directory.GetFiles(TestPaths.Baselines, "main.diagnostics.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines)
            .Select(line => Regex.Match(line, @" (?:error|warning) (MD\d{4}):").Groups[1].Value)
            .ToHashSet();
        var missing = DiagnosticCatalog.All.Select(d => d.Id).Where(id => OwnIds.IsMatch(id))
            .Where(id => !reported.Contains(id) && !CoveredElsewhere.Contains(id))
            .ToList();
        Assert.True(missing.Count == 0, "no baseline reports " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_semantic_id_is_documented()
    {
        var docs = File.ReadAllText(Path.Combine(Repository, "docs", "diagnostics.md"));
        var missing = DiagnosticCatalog.All.Select(d => d.Id).Where(id => OwnIds.IsMatch(id))
            .Where(id => !docs.Contains("### " + id, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md has no section for " + string.Join(", ", missing));
    }

    [Fact]
    public void Language_guide_examples_compile()
    {
        var guide = File.ReadAllText(Path.Combine(Repository, "docs", "language.md")).Replace("\r\n", "\n");
        var blocks = Regex.Matches(guide, "```\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Where(code => Regex.IsMatch(code, @"^(model|block|group|train) ", RegexOptions.Multiline))
            .Select((code, i) => new SourceFile($"guide{i}.model", code))
            .ToList();
        Assert.True(blocks.Count >= 6, $"only {blocks.Count} examples found");
        var result = ModelCompiler.Compile(blocks, CompilationOptions.Default with { Emit = false }, default);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Contains(result.Models, m => m.Name == "ResNet50" && m.Parameters.Total == 25_636_712);
        Assert.Contains(result.Models, m => m.Name == "TwoTower");
    }
}
