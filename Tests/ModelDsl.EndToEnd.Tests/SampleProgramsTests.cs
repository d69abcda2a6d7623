using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace ModelDsl.EndToEnd.Tests;

/// <summary>
/// Samples/Transfer and Samples/Serve as a user runs them, built dlls as child processes in one temp folder: Transfer
/// trains on the demo image set from random torchvision resnet18 weights (tools/torchvision-fixtures, /usr/bin/python3
/// with Debian's python3-torchvision), then Serve classifies the validation images with ONNX Runtime and with the
/// generated model. This project builds both samples (ProjectReference, ReferenceOutputAssembly=false).
/// </summary>
public sealed class SampleProgramsTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-samples-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }

    [Fact]
    public void Transfer_trains_above_chance_and_Serve_agrees_with_onnx_runtime_at_the_same_accuracy()
    {
        Run("/usr/bin/python3", Path.Combine(RepositoryRoot, "tools", "torchvision-fixtures", "make_fixtures.py"), _directory, "--models", "resnet18");

        var transfer = Run("dotnet", SampleDll("Transfer"));
        var valAccuracy = Number(transfer, @"^val_accuracy=([0-9.]+)\s*$");
        Assert.True(valAccuracy > 1.0 / 3, $"val_accuracy={valAccuracy} is not above chance (3 classes):\n{transfer}");
        foreach (var file in new[] { "Classifier.safetensors", "Classifier.onnx", "Classifier.classes.txt" })
        {
            Assert.True(File.Exists(Path.Combine(_directory, "runs", file)), $"Transfer did not write runs/{file}");
        }

        var serve = Run("dotnet", SampleDll("Serve"), Path.Combine("images", "validation"));
        var summary = Regex.Match(serve, @"^(\d+) images; ONNX Runtime and the generated model agree on (\d+)\.\s*$", RegexOptions.Multiline);
        Assert.True(summary.Success, "Serve printed no summary line:\n" + serve);
        var validationImages = Directory.EnumerateFiles(Path.Combine(_directory, "images", "validation"), "*", SearchOption.AllDirectories).Count();
        Assert.Equal(validationImages, int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(summary.Groups[1].Value, summary.Groups[2].Value);
        Assert.Equal(valAccuracy, Number(serve, @"^accuracy=([0-9.]+)\s*$"));
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    // The samples are built with this test project's configuration and framework: bin/<Configuration>/<tfm>/ beside it.
    private static string SampleDll(string name)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot, "Samples", name, "bin", output.Parent!.Name, output.Name, name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build Tests/ModelDsl.EndToEnd.Tests, which builds the samples");
        return dll;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelDsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ModelDsl.sln not found above " + AppContext.BaseDirectory);
    }

    private static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"no line matching {pattern} in:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {HangGuard}");
        }

        process.WaitForExit();
        var text = output.Result + error.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        return text;
    }
}
