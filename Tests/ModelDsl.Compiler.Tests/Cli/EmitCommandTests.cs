using System;
using System.IO;
using System.Linq;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Emit;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary><c>modeldsl emit</c> in-process: it writes exactly what the build generates, to standard output or a folder.</summary>
public sealed class EmitCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-emit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Case(string name) => Path.Combine(TestPaths.Baselines, name, "main.model");

    [Fact]
    public void Emit_to_standard_output_writes_the_cpu_code_the_build_generates_and_it_compiles()
    {
        var (code, output, error) = Run("emit", Case("mnist_dnn"));

        Assert.True(code == 0, error);
        var expected = Compile(Case("mnist_dnn"), Backend.Cpu);
        Assert.Equal($"// file: {expected.HintName}\n{expected.Text}", output);
        Assert.Contains("global::ModelDsl.Runtime.Cpu", output);
        Assert.Empty(GeneratedCodeCompiler.Compile(new[] { expected.Text }));
    }

    [Fact]
    public void Emit_into_a_folder_writes_one_file_per_declaration_for_torchsharp()
    {
        var outDirectory = Path.Combine(_directory, "generated");

        var (code, output, error) = Run("emit", Case("mnist_dnn"), "--backend", "torchsharp", "--out", outDirectory);

        Assert.True(code == 0, error);
        var expected = Compile(Case("mnist_dnn"), Backend.TorchSharp);
        var written = Path.Combine(outDirectory, expected.HintName);
        Assert.Equal("wrote " + written + "\n", output);
        Assert.Equal(expected.Text, File.ReadAllText(written));
        Assert.Contains("global::TorchSharp.torch.nn.Module", expected.Text);
    }

    [Fact]
    public void Errors_are_printed_to_standard_error_and_exit_1()
    {
        var (code, output, error) = Run("emit", Case("err_shapes"));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("error MD3001", error);
        Assert.Contains("nothing to emit", error);
    }

    [Fact]
    public void An_unwritable_folder_is_one_error_line()
    {
        var blocker = Path.Combine(_directory, "a-file");
        File.WriteAllText(blocker, "not a folder");

        var (code, _, error) = Run("emit", Case("mnist_dnn"), "--out", blocker);

        Assert.Equal(1, code);
        Assert.StartsWith("modeldsl: cannot write '" + blocker, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void An_unknown_backend_exits_1()
    {
        var (code, _, error) = Run("emit", Case("mnist_dnn"), "--backend", "onnx");

        Assert.Equal(1, code);
        Assert.Contains("onnx", error);
    }

    [Fact]
    public void Help_lists_the_emit_command()
    {
        var (_, output, _) = Run("--help");

        Assert.Contains("emit", output);
        Assert.Contains("Write the code generated for a .model file", output);
    }

    private static GeneratedSource Compile(string path, Backend backend)
    {
        var (files, _) = SourceFileLoader.Load(new[] { path });
        return ModelCompiler.Compile(files, CompilationOptions.Default with { Backend = backend }).Sources.Single();
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
