using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ModelDsl.Generators.Tests.EndToEnd;

/// <summary>
/// Real consumer projects, as a user writes them: the packages from a local feed, <c>using Consumer;</c> (the
/// project's RootNamespace, where the generated types live), a Program.cs that constructs the model and its trainer
/// and calls <c>Fit</c>. A clean <c>.model</c> builds and trains; a project whose <c>.model</c> files each hold one
/// mistake fails <c>dotnet build</c> with every MD error at its line and column, and no C# error at all (the models
/// and trainers with errors get stand-in types with the same members). On both backends.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsumerProjectTests
{
    private const string CleanModel = """
        model Blobs {
            input point: float[2]
            dense(16, activation: relu)
            dense(3, activation: softmax)
        }

        train Blobs {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.01)
            metrics: [accuracy]
            epochs: 3
            batch_size: 16
        }
        """;

    private const string CleanProgram = """
        using System;
        using Consumer;
        using ModelDsl.Runtime.Data;

        // Three well separated blobs, labelled by blob.
        var random = new Random(1);
        var points = new float[300 * 2];
        var labels = new int[300];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 3;
            points[2 * i] = (labels[i] - 1) * 4f + (float)(random.NextDouble() - 0.5);
            points[(2 * i) + 1] = (float)(random.NextDouble() - 0.5);
        }

        var data = Dataset.FromArrays(points, new[] { 2 }, labels, classCount: 3);
        var model = new Blobs();
        using var trainer = new BlobsTrainer(model, seed: 1);
        var history = trainer.Fit(data);
        var accuracy = trainer.Evaluate(data)["accuracy"];
        Console.WriteLine($"consumer trained {history.Count} epochs, accuracy {accuracy:F3}");
        """;

    /// <summary>One mistake per file, each with its train declaration: file, its text, and the error (id, line, column).</summary>
    private static readonly (string File, string Model, string Text, string Id, int Line, int Column)[] Broken =
    {
        ("shape.model", "ShapeBroken", Train("ShapeBroken", """
            model ShapeBroken {
                input image: float[1, 28, 28]
                conv2d(8, kernel: 3)
                dense(10, activation: softmax)
            }
            """), "MD3001", 4, 5),
        ("name.model", "NameBroken", Train("NameBroken", """
            model NameBroken {
                input image: float[1, 28, 28]
                flaten()
                dense(10, activation: softmax)
            }
            """), "MD2003", 3, 5),
        ("argument.model", "ArgumentBroken", Train("ArgumentBroken", """
            model ArgumentBroken {
                input point: float[2]
                dense(16, activaton: relu)
                dense(3, activation: softmax)
            }
            """), "MD2004", 3, 15),
        ("syntax.model", "SyntaxBroken", Train("SyntaxBroken", """
            model SyntaxBroken {
                input point: float[2]
                dense(16 activation: relu)
                dense(3, activation: softmax)
            }
            """), "MD1001", 3, 14),
        ("brace.model", "BraceBroken", Train("BraceBroken", """
            model BraceBroken {
                input point: float[2]
                dense(3, activation: softmax)

            """), "MD1007", 1, 19),
        ("training.model", "TrainingBroken", """
            model TrainingBroken {
                input point: float[2]
                dense(3, activation: softmax)
            }

            train TrainingBroken {
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.01)
                epochs: 0
            }
            """, "MD4006", 9, 13),
    };

    private readonly PackedFeed _feed;

    public ConsumerProjectTests(PackedFeed feed) => _feed = feed;

    [Theory]
    [InlineData("Cpu")]
    [InlineData("TorchSharp")]
    public void A_clean_model_builds_and_trains(string backend)
    {
        var project = WriteConsumer("clean-" + backend, backend, new[] { ("blobs.model", CleanModel) }, CleanProgram);

        var build = DotnetCli.Run(project, _feed.Environment, PackedFeed.Timeout, "build", "-c", "Release", "-tl:off", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(new Regex(@"(error|warning) (CS|MD)\d{4}"), build.Output);

        // Where the README says EmitCompilerGeneratedFiles puts the generated code: one NAMESPACE.NAME.g.cs per type.
        var generated = Path.Combine(project, "obj", "Release", "net10.0", "generated", "ModelDsl.Generators", "ModelDsl.Generators.ModelDslGenerator");
        Assert.True(File.Exists(Path.Combine(generated, "Consumer.Blobs.g.cs")), string.Join("\n", Directory.Exists(generated) ? Directory.GetFiles(generated) : Array.Empty<string>()));
        Assert.True(File.Exists(Path.Combine(generated, "Consumer.BlobsTrainer.g.cs")));

        var run = DotnetCli.Run(project, _feed.Environment, PackedFeed.Timeout, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, run.Output);
        var result = Regex.Match(run.Output, @"consumer trained 3 epochs, accuracy (\d\.\d{3})");
        Assert.True(result.Success, run.Output);
        Assert.True(double.Parse(result.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.9, run.Output);
    }

    [Theory]
    [InlineData("Cpu")]
    [InlineData("TorchSharp")]
    public void Each_broken_model_fails_the_build_at_its_line_and_column_with_no_csharp_error(string backend)
    {
        var program = "using Consumer;\nusing ModelDsl.Runtime.Data;\n\n"
            + "var data = Dataset.FromArrays(new float[4 * 784], new[] { 1, 28, 28 }, new[] { 0, 1, 2, 0 }, classCount: 3);\n"
            + string.Concat(Broken.Select(b => $"using (var trainer = new {b.Model}Trainer(new {b.Model}(), seed: 1))\n{{\n    trainer.Fit(data);\n    System.Console.WriteLine(trainer.Evaluate(data)[\"accuracy\"]);\n}}\n\n"));
        var project = WriteConsumer("broken-" + backend, backend, Broken.Select(b => (b.File, b.Text)), program);

        var build = DotnetCli.Run(project, _feed.Environment, PackedFeed.Timeout, "build", "-c", "Release", "-tl:off", "-p:UseSharedCompilation=false");

        Assert.True(build.ExitCode != 0, build.Output);

        // MSBuild repeats every error in its closing summary; count the first report only.
        var summary = build.Output.IndexOf("Build FAILED.", StringComparison.Ordinal);
        var reported = summary < 0 ? build.Output : build.Output.Substring(0, summary);
        foreach (var broken in Broken)
        {
            var expected = $"Models{Path.DirectorySeparatorChar}{broken.File}({broken.Line},{broken.Column}): error {broken.Id}: ";
            Assert.True(Occurrences(reported, expected) == 1, $"expected '{expected}' exactly once in:\n{build.Output}");
        }

        var errors = Regex.Matches(reported, @"error ([A-Z]+\d{4})").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(Broken.Select(b => b.Id).OrderBy(id => id, StringComparer.Ordinal), errors.OrderBy(id => id, StringComparer.Ordinal));
        Assert.DoesNotMatch(new Regex(@"error CS\d{4}"), build.Output);
    }

    private static string Train(string model, string body) => body + $$"""


        train {{model}} {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.01)
            epochs: 1
        }
        """;

    private string WriteConsumer(string name, string backend, IEnumerable<(string File, string Text)> models, string program)
    {
        var project = Directory.CreateDirectory(Path.Combine(_feed.Root, name)).FullName;
        var references = backend == "TorchSharp"
            ? $"""
                <PackageReference Include="ModelDsl.Runtime" Version="{PackedFeed.Version}" />
                <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
            """
            : $"""
                <PackageReference Include="ModelDsl.Runtime.Cpu.Training" Version="{PackedFeed.Version}" />
            """;
        File.WriteAllText(Path.Combine(project, "nuget.config"), _feed.NugetConfig());
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>Consumer</RootNamespace>
                <ModelDslBackend>{backend}</ModelDslBackend>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelDsl" Version="{PackedFeed.Version}" />
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);
        Directory.CreateDirectory(Path.Combine(project, "Models"));
        foreach (var (file, text) in models)
        {
            File.WriteAllText(Path.Combine(project, "Models", file), text + "\n");
        }

        return project;
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
}
