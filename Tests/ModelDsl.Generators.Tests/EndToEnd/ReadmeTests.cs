using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The README's quick start is exact: its C# blocks compile, on each backend, against the code generated from the
/// README's own <c>.model</c> example in a project whose RootNamespace is <c>MyApp</c> (a block preceded by
/// <c>&lt;!-- readme-test: Cpu --&gt;</c> or <c>TorchSharp</c> is for that backend only); its nuget.config keeps nuget.org
/// beside the local feed; its project file references the packages at the version this repository packs.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(DotnetCli.RepositoryRoot(), "README.md"));

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void Every_csharp_block_compiles_against_the_readme_model(Backend backend)
    {
        var blocks = CodeBlocks("csharp").Where(block => block.Backend is null || block.Backend == backend.ToString()).ToList();
        Assert.True(blocks.Count >= 2, $"expected the quick start's shared block and a {backend} block");
        foreach (var (code, _) in blocks)
        {
            var project = new ModelProject { Kind = OutputKind.ConsoleApplication }
                .On(backend)
                .WithProperty("RootNamespace", "MyApp")
                .WithModel("Models/mnist.model", ReadmeModel())
                .WithCSharp("Program.cs", code);

            var (generator, csharpErrors, _) = project.Build();

            Assert.DoesNotContain(generator, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            Assert.True(csharpErrors.Count == 0, $"{backend}: {string.Join("\n", csharpErrors)}\nin:\n{code}");
        }
    }

    [Fact]
    public void The_readme_model_checks_and_names_the_data_its_csharp_loads()
    {
        var result = ModelCompiler.Compile(new[] { new SourceFile("mnist.model", ReadmeModel()) }, ModelDsl.Compiler.CompilationOptions.Default with { Emit = false }, default);
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        Assert.Equal("MnistDnn", Assert.Single(result.Models).Name);
        Assert.NotNull(Assert.Single(result.Trainings).Data?.Train);
    }

    [Fact]
    public void Pack_command_nuget_config_and_project_file_are_the_ones_that_work()
    {
        Assert.Contains("dotnet pack ModelDsl.sln -c Release -o ./feed", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet run -c Release", Readme, StringComparison.Ordinal);

        var xml = CodeBlocks("xml").Select(block => XDocument.Parse(block.Code)).ToList();
        var config = Assert.Single(xml, document => document.Root!.Name == "configuration");
        var sources = config.Descendants("add").Select(add => (string)add.Attribute("value")!).ToList();
        Assert.Contains("https://api.nuget.org/v3/index.json", sources);
        Assert.Contains(sources, source => source.EndsWith("/feed", StringComparison.Ordinal));
        Assert.Empty(config.Descendants("clear"));

        var project = Assert.Single(xml, document => document.Root!.Name == "Project");
        var version = XDocument.Load(Path.Combine(DotnetCli.RepositoryRoot(), "Directory.Build.props")).Descendants("Version").Single().Value;
        var references = project.Descendants("PackageReference").ToDictionary(r => (string)r.Attribute("Include")!, r => (string)r.Attribute("Version")!);
        Assert.Equal(version, references["ModelDsl"]);
        Assert.Equal(version, references["ModelDsl.Runtime.Cpu.Training"]);
        Assert.Equal("MyApp", project.Descendants("RootNamespace").Single().Value);
        Assert.Equal("true", project.Descendants("EmitCompilerGeneratedFiles").Single().Value);
    }

    /// <summary>The README's first example: the block that declares <c>model MnistDnn</c>.</summary>
    private static string ReadmeModel() =>
        CodeBlocks(string.Empty).Select(block => block.Code).First(code => code.Contains("model MnistDnn {", StringComparison.Ordinal));

    /// <summary>Fenced blocks of one language (indented ones in list items too), each with the backend its marker names.</summary>
    private static List<(string Code, string? Backend)> CodeBlocks(string language) =>
        Regex.Matches(Readme, @"(?:<!-- readme-test: (?<backend>\w+) -->\s*\n)?^(?<indent>[ ]*)```" + Regex.Escape(language) + @"[ ]*\n(?<code>.*?)^\k<indent>```", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(match => (Unindent(match.Groups["code"].Value, match.Groups["indent"].Value.Length), match.Groups["backend"].Success ? match.Groups["backend"].Value : null))
            .ToList();

    private static string Unindent(string code, int indent) =>
        string.Join("\n", code.Split('\n').Select(line => line.Length >= indent && line.Take(indent).All(c => c == ' ') ? line.Substring(indent) : line.TrimStart(' ')));
}
