using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>
/// Paths from the command line and from <c>import</c> lines are untrusted: devices, FIFOs, directories, huge files and
/// files that are not <c>.model</c> files give one clear error, never a hang, a huge allocation or their content.
/// </summary>
public sealed class UntrustedInputFileTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly string directory = Directory.CreateTempSubdirectory("modeldsl-untrusted-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("check")]
    [InlineData("summary")]
    [InlineData("emit")]
    [InlineData("train")]
    public void A_device_on_the_command_line_is_one_error_line(string command)
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // not a Unix machine
        }

        // A name ending in .model gets past the name check (MD2085); the file type check refuses it unread.
        var device = Path.Combine(directory, "zero.model");
        File.CreateSymbolicLink(device, "/dev/zero");
        var (code, output, error) = RunGuarded(command, device);
        Assert.Equal(1, code);
        // emit prints diagnostics to standard error (its standard output is code); the others to standard output.
        Assert.Contains($"{device}(1,1): error MD2030: cannot read '{device}': it is not a regular file", output + error);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Theory]
    [InlineData("check", "/etc/passwd")]
    [InlineData("summary", "/etc/passwd")]
    [InlineData("emit", "/etc/passwd")]
    [InlineData("train", "/etc/passwd")]
    [InlineData("export", "/etc/passwd")]
    [InlineData("check", "/dev/zero")]
    [InlineData("check", "secret.txt")]
    [InlineData("summary", "secret.txt")]
    [InlineData("train", "secret.txt")]
    public void A_file_on_the_command_line_that_is_not_a_model_file_is_MD2085_and_not_read(string command, string target)
    {
        File.WriteAllText(Path.Combine(directory, "secret.txt"), "root:hunter2:0:0\n");
        var path = target.StartsWith('/') ? target : Path.Combine(directory, target);
        if (!File.Exists(path))
        {
            return; // /etc/passwd or /dev/zero on a machine without them
        }

        // export needs its weights and output named before it compiles anything.
        string[] rest = command == "export" ? ["--weights", Path.Combine(directory, "w.safetensors"), "-o", Path.Combine(directory, "m.onnx")] : [];
        var (code, output, error) = RunGuarded([command, path, .. rest]);
        Assert.Equal(1, code);
        Assert.Contains($"{path}(1,1): error MD2085: '{path}' does not name a .model file", output + error);
        Assert.DoesNotContain("root", output + error);
        Assert.DoesNotContain("hunter2", output + error);
        Assert.DoesNotContain("MD2002", output + error);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public void A_fifo_on_the_command_line_does_not_hang()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        var fifo = Path.Combine(directory, "pipe.model");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (code, output, _) = RunGuarded("check", fifo);
        Assert.Equal(1, code);
        Assert.Contains("error MD2030: cannot read", output);
        Assert.Contains("it is not a regular file", output);
    }

    [Fact]
    public void A_directory_on_the_command_line_is_named_as_a_directory()
    {
        var (code, output, _) = RunGuarded("check", directory);
        Assert.Equal(1, code);
        Assert.Contains($"error MD2030: cannot read '{directory}': it is a directory", output);
    }

    [Fact]
    public void A_file_over_16_MiB_is_refused_before_it_is_read()
    {
        var big = Path.Combine(directory, "big.model");
        using (var stream = File.Create(big))
        {
            stream.SetLength(SourceFileLoader.MaxFileBytes + 1); // sparse: no disk used
        }

        var (code, output, _) = RunGuarded("check", big);
        Assert.Equal(1, code);
        Assert.Contains("error MD2030: cannot read", output);
        Assert.Contains("larger than the limit of 16,777,216 bytes (16 MiB)", output);
    }

    [Fact]
    public void A_file_of_exactly_16_MiB_is_read()
    {
        var limit = Path.Combine(directory, "limit.model");
        var bytes = new byte[SourceFileLoader.MaxFileBytes]; // whitespace only: no declarations, no errors
        bytes.AsSpan().Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        File.WriteAllBytes(limit, bytes);
        var (code, output, _) = RunGuarded("check", limit);
        Assert.DoesNotContain("MD2030", output);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/etc/passwd")]
    [InlineData("secret.txt")]
    public void An_import_of_a_file_that_is_not_a_model_file_is_MD2085_and_not_read(string target)
    {
        File.WriteAllText(Path.Combine(directory, "secret.txt"), "root:hunter2:0:0\n");
        var main = Path.Combine(directory, "main.model");
        File.WriteAllText(main, $"import \"{target}\"\nmodel M {{\n    input x: float[4]\n    dense(2)\n}}\n");

        var (code, output, _) = RunGuarded("check", main);
        Assert.Equal(1, code);
        Assert.Contains($"main.model(1,8): error MD2085: import \"{target}\" does not name a .model file", output);
        Assert.DoesNotContain("root", output);
        Assert.DoesNotContain("hunter2", output);
        Assert.DoesNotContain("MD2002", output);
    }

    [Fact]
    public void An_import_of_a_fifo_named_model_is_reported_at_the_import_and_does_not_hang()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        using (var mkfifo = Process.Start("mkfifo", Path.Combine(directory, "pipe.model")))
        {
            mkfifo.WaitForExit();
        }

        var main = Path.Combine(directory, "main.model");
        File.WriteAllText(main, "import \"pipe.model\"\nmodel M {\n    input x: float[4]\n    dense(2)\n}\n");
        var (code, output, _) = RunGuarded("check", main);
        Assert.Equal(1, code);
        Assert.Contains("main.model(1,8): error MD2030: cannot read", output);
        Assert.Contains("it is not a regular file", output);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("1000001")]
    [InlineData("0")]
    public void Train_refuses_epochs_outside_the_documented_cap(string epochs)
    {
        var (code, _, error) = RunGuarded("train", Path.Combine(TestPaths.Baselines, "mnist_dnn", "main.model"), "--epochs", epochs);
        Assert.Equal(1, code);
        Assert.Equal($"modeldsl: --epochs takes a whole number from 1 to 1,000,000, not {epochs}\n", error);
    }

    [Fact]
    public void A_parameter_total_past_long_is_MD2086_and_never_a_negative_summary()
    {
        var (code, output, error) = RunGuarded("summary", Path.Combine(TestPaths.Baselines, "err_parameter_total", "main.model"));
        Assert.Equal(1, code);
        Assert.Contains("main.model(6,5): error MD2086: dense_2 takes the parameter count past", output);
        Assert.DoesNotContain("Total params", output + error);
        Assert.DoesNotMatch(@"(?<![\w/])-\d", output + error); // no negative number (paths may hold "wt-14")
    }

    private static (int Code, string Output, string Error) RunGuarded(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var run = Task.Run(() => CommandLineApp.Run(args, output, error));
        Assert.True(run.Wait(HangGuard), $"modeldsl {string.Join(' ', args)} hung");
        return (run.Result, output.ToString(), error.ToString());
    }
}
