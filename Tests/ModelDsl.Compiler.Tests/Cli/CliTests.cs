using System.IO;
using System.Linq;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>The <c>modeldsl</c> commands, run in-process: output format and exit codes (0 or 1, nothing else).</summary>
public sealed class CliTests
{
    private static string Case(string name) => Path.Combine(TestPaths.Baselines, name, "main.model");

    [Fact]
    public void Check_of_a_valid_file_prints_a_one_line_summary_and_exits_0()
    {
        var (code, output, _) = Run("check", Case("mnist_dnn"));
        Assert.Equal(0, code);
        Assert.Equal("1 file, 1 model, 0 errors, 0 warnings\n", output);
    }

    [Fact]
    public void Check_summary_counts_imported_files_and_warnings_in_the_right_number()
    {
        var (code, output, _) = Run("check", Case("resnet50"));
        Assert.Equal(0, code);
        var summary = output.TrimEnd('\n').Split('\n')[^1];
        Assert.Matches(@"^2 files, 1 model, 0 errors, \d+ warnings?$", summary);
        var warnings = output.Split('\n').Count(line => line.Contains(": warning MD", System.StringComparison.Ordinal));
        Assert.EndsWith(Counted.Of(warnings, "warning"), summary);
    }

    [Theory]
    [InlineData(1, "epoch", "1 epoch")]
    [InlineData(0, "error", "0 errors")]
    [InlineData(2, "file", "2 files")]
    [InlineData(12345, "parameter", "12,345 parameters")]
    public void Counts_use_the_right_number(long count, string noun, string expected) =>
        Assert.Equal(expected, Counted.Of(count, noun));

    [Fact]
    public void Check_prints_compiler_lines_and_exits_1_on_errors()
    {
        var (code, output, _) = Run("check", Case("err_shapes"));
        Assert.Equal(1, code);
        var first = output.Split('\n')[0];
        Assert.Matches(@"^.*err_shapes[/\\]main\.model\(4,5\): error MD3001: dense expects \[features\] or \[\.\.\., features\] \(it acts on the last axis\) but receives \[N, 64, 7, 7\], an image", first);
    }

    [Fact]
    public void One_check_reports_one_mistake_of_each_family()
    {
        var (code, output, _) = Run("check", Case("one_mistake_of_each_family"));
        Assert.Equal(1, code);
        var ids = output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(line => System.Text.RegularExpressions.Regex.Match(line, @"error (MD\d{4})").Groups[1].Value).ToList();

        // syntax (MD1xxx), name (MD2003), argument (MD2004), shape (MD3xxx), training (MD4xxx): nothing else, no cascade.
        Assert.Equal(new[] { "MD3001", "MD2003", "MD2004", "MD1001", "MD1001", "MD4006" }, ids);
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
