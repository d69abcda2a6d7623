using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The whole product as a user meets it: pack the generator into a local feed, reference the package from a fresh
/// project (nothing from this repository's build settings applies there), and run <c>dotnet build</c>. The
/// <c>.model</c> error must come out as <c>file(line,col): error MDnnnn</c>, exactly once, and the C# generated
/// from the valid model must compile. Setting <c>EnableModelDslDefaultItems=false</c> turns the automatic
/// <c>**/*.model</c> items off.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageConsumerTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "modeldsl-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is harmless; never fail a test while cleaning up.
        }
    }

    [Fact]
    public void Consumer_build_reports_model_errors_in_the_model_file_and_compiles_the_generated_code()
    {
        var repository = DotnetCli.RepositoryRoot();
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var project = Directory.CreateDirectory(Path.Combine(_root, "consumer")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

        // The test project's build has just built the generator in this configuration; pack that output.
        var pack = DotnetCli.Run(repository, environment, Timeout, "pack", "Generators/ModelDsl.Generators/ModelDsl.Generators.csproj", "-c", Configuration, "--no-build", "-o", feed, "-p:PackageVersion=0.0.0-e2e");
        Assert.True(pack.ExitCode == 0, pack.Output);

        WriteConsumer(project);
        var broken = File.ReadAllText(Path.Combine(project, "Models", "broken.model"));
        var expected = ModelCompiler.Compile(new[] { new SourceFile("broken.model", broken) }, new CompilationOptions(Backend.Cpu, "Consumer", Emit: false), default)
            .Diagnostics.Where(diagnostic => diagnostic.IsError).ToList();
        Assert.NotEmpty(expected);

        var build = DotnetCli.Run(project, environment, Timeout, "build", "-c", "Release", "-tl:off", "-clp:NoSummary", "-p:UseSharedCompilation=false");

        Assert.True(build.ExitCode != 0, build.Output);

        // MSBuild repeats every error in its closing summary; count the first report only.
        var summary = build.Output.IndexOf("Build FAILED.", StringComparison.Ordinal);
        var reported = summary < 0 ? build.Output : build.Output.Substring(0, summary);
        foreach (var diagnostic in expected)
        {
            var line = $"broken.model({diagnostic.Span.Line},{diagnostic.Span.Column}): error {diagnostic.Id}: ";
            Assert.True(Occurrences(reported, line) == 1, $"expected '{line}' exactly once in:\n{build.Output}");
        }

        Assert.DoesNotMatch(new Regex(@"mnist\.model\(\d+,\d+\): error"), build.Output);
        Assert.DoesNotMatch(new Regex(@"error CS\d{4}"), build.Output);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", build.Output, StringComparison.Ordinal);

        // The opt-out: with EnableModelDslDefaultItems=false the package adds no .model files (evaluation only).
        var optOut = DotnetCli.Run(project, environment, Timeout, "msbuild", "Consumer.csproj", "-getItem:AdditionalFiles", "-p:EnableModelDslDefaultItems=false");
        Assert.True(optOut.ExitCode == 0, optOut.Output);
        Assert.DoesNotContain(".model", optOut.Output, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void WriteConsumer(string project)
    {
        var references = string.Join(
            Environment.NewLine,
            new[] { "ModelDsl.Runtime", "ModelDsl.Runtime.Cpu", "ModelDsl.Runtime.Cpu.Training", "System.Numerics.Tensors", "Spectre.Console", "CsvHelper" }
                .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"))
                .Where(File.Exists)
                .Select(path => $"    <Reference Include=\"{Path.GetFileNameWithoutExtension(path)}\" HintPath=\"{path}\" />"));

        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Path.Combine(project, "..", "feed")}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelDsl" Version="0.0.0-e2e" />
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"consumer\");\n");
        Directory.CreateDirectory(Path.Combine(project, "Models"));
        File.WriteAllText(Path.Combine(project, "Models", "mnist.model"), TestModels.Mnist + "\n" + TestModels.MnistTraining + "\n");
        File.WriteAllText(Path.Combine(project, "Models", "broken.model"), TestModels.DenseWithoutFlatten + "\n\n" + TestModels.Unclosed + "\n");
    }
}
