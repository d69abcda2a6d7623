using System.IO;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>The <c>modeldsl</c> commands, run in-process: output format and exit codes (0 or 1, nothing else).</summary>
public sealed class CliTests
{
    private static string Case(string name) => Path.Combine(TestPaths.Baselines, name, "main.model");

    [Fact]
    public void Check_of_a_valid_file_prints_nothing_and_exits_0()
    {
        var (code, output, _) = Run("check", Case("mnist_dnn"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Check_prints_compiler_lines_and_exits_1_on_errors()
    {
        var (code, output, _) = Run("check", Case("err_shapes"));
        Assert.Equal(1, code);
        var first = output.Split('\n')[0];
        Assert.Matches(@"^.*err_shapes[/\\]main\.model\(4,5\): error MD3001: dense expects a \[features\] vector but receives \[N, 64, 7, 7\]", first);
    }

    [Fact]
    public void Check_follows_imports_from_disk()
    {
        var (code, output, _) = Run("check", Case("resnet50"));
        Assert.Equal(0, code);
        Assert.Contains("warning MD5001", output);
        Assert.Contains("blocks/resnet.model(3,5)", output.Replace('\\', '/'));
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        var (code, output, _) = Run("check", Case("warnings"));
        Assert.Equal(0, code);
        Assert.Contains("warning MD5002", output);
    }

    [Fact]
    public void Unreadable_file_is_one_error_line_and_exit_1()
    {
        var missing = Path.Combine(Path.GetTempPath(), "modeldsl-missing-" + System.Guid.NewGuid().ToString("N") + ".model");
        var (code, output, error) = Run("check", missing);
        Assert.Equal(1, code);
        Assert.Equal($"{missing}(1,1): error MD2030: cannot read '{missing}': the file does not exist\n", output);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public void Summary_prints_the_table()
    {
        var (code, output, _) = Run("summary", Case("resnet50"), "--model", "ResNet50");
        Assert.Equal(0, code);
        Assert.Contains("Model: \"ResNet50\"", output);
        Assert.EndsWith("Total params: 25,636,712\nTrainable params: 25,583,592\nNon-trainable params: 53,120\n", output);
    }

    [Fact]
    public void Summary_of_an_unknown_model_exits_1()
    {
        var (code, _, error) = Run("summary", Case("house_price"), "--model", "Nope");
        Assert.Equal(1, code);
        Assert.Contains("no checked model named 'Nope'; models: HousePrice", error);
    }

    [Theory]
    [InlineData]
    [InlineData("bogus")]
    [InlineData("check")]
    [InlineData("summary", "--model")]
    public void Bad_command_lines_exit_1(params string[] args)
    {
        var (code, _, _) = Run(args);
        Assert.Equal(1, code);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
