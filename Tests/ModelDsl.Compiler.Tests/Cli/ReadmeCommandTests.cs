using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>The README's <c>modeldsl</c> examples name files that exist, and print what the README says they print.</summary>
public sealed class ReadmeCommandTests
{
    private const string Prefix = "dotnet run --project DslCompiler/ModelDsl.Cli -- ";

    private static readonly string Repository = Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));

    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository, "README.md"));

    [Fact]
    public void Every_model_file_an_example_names_exists()
    {
        var paths = Commands().SelectMany(args => args).Where(arg => arg.EndsWith(".model", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(paths.Count >= 2, string.Join(", ", paths));
        Assert.All(paths, path => Assert.True(File.Exists(Path.Combine(Repository, path)), $"README names {path}, which does not exist"));
        Assert.True(File.Exists(Path.Combine(Repository, "DslCompiler", "ModelDsl.Cli", "ModelDsl.Cli.csproj")));
    }

    [Fact]
    public void The_check_example_prints_the_summary_line_the_readme_quotes()
    {
        var (code, output) = Run(Commands().First(args => args[0] == "check"));
        Assert.Equal(0, code);
        var quoted = Regex.Match(Readme, @"ends with `(\d+ files?, \d+ models?, \d+ errors?, \d+ warnings?)`").Groups[1].Value;
        Assert.Equal(quoted, output.TrimEnd('\n').Split('\n')[^1]);
    }

    [Fact]
    public void The_summary_example_prints_the_parameter_totals_the_readme_quotes()
    {
        var (code, output) = Run(Commands().First(args => args[0] == "summary"));
        Assert.Equal(0, code);
        var quoted = Regex.Match(Readme, @"ends with `(Total params: [\d,]+)`, `(Trainable params: [\d,]+)`, `(Non-trainable params: [\d,]+)`");
        Assert.True(quoted.Success, "the README quotes the summary's three totals");
        Assert.EndsWith(string.Concat(quoted.Groups.Values.Skip(1).Select(group => group.Value + "\n")), output);
    }

    [Fact]
    public void The_fashion_mnist_script_says_building_before_its_first_dotnet_command()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository, "scripts", "fashion-mnist.sh"));
        var building = Array.FindIndex(lines, line => line.TrimStart().StartsWith("echo \"building…", StringComparison.Ordinal));
        var dotnet = Array.FindIndex(lines, line => Regex.IsMatch(line, @"^\s*(exec\s+)?dotnet\s"));
        Assert.True(building >= 0 && dotnet > building, $"'building…' at line {building + 1}, first dotnet command at line {dotnet + 1}");
    }

    [Fact]
    public void Relative_data_and_checkpoint_paths_are_resolved_at_run_time_not_against_the_build_machine_folder()
    {
        const string source = """
            model Houses {
                input features: float[3]
                dense(1)
            }

            train Houses {
                loss: mse
                optimizer: adam(lr: 0.01)
                epochs: 1
                checkpoint(path: "runs/best.ckpt", save_best_only: true, monitor: loss)
                data {
                    train: table("data/houses.csv", target: price)
                }
            }
            """;
        var result = ModelCompiler.Compile(new[] { new SourceFile("/build-machine/checkout/Models/houses.model", source) }, CompilationOptions.Default with { Backend = Backend.Cpu }, default);
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        var trainer = Assert.Single(result.Sources, generated => generated.HintName.EndsWith("HousesTrainer.g.cs", StringComparison.Ordinal)).Text;

        // As written, resolved by the running program: LoadData's directory (default: the current directory); the
        // checkpoint path by the file system (the current directory). The build machine's folder never appears.
        Assert.Contains("\"data/houses.csv\"", trainer, StringComparison.Ordinal);
        Assert.Contains("\"runs/best.ckpt\"", trainer, StringComparison.Ordinal);
        Assert.Contains(".Load(directory ?? global::System.IO.Directory.GetCurrentDirectory()", trainer, StringComparison.Ordinal);
        Assert.DoesNotContain("/build-machine", trainer, StringComparison.Ordinal);
    }

    private static string[][] Commands() =>
        Readme.Split('\n')
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(line => line.Substring(Prefix.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    private static (int Code, string Output) Run(string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var absolute = args.Select(arg => arg.EndsWith(".model", StringComparison.Ordinal) ? Path.Combine(Repository, arg) : arg).ToArray();
        var code = CommandLineApp.Run(absolute, output, error);
        return (code, output.ToString() + error);
    }
}
