using System;
using System.Diagnostics;
using System.IO;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// Runs <c>tools/torchvision-fixtures/make_fixtures.py</c> once per test run (Debian's python3-torch and
/// python3-torchvision for /usr/bin/python3, installed by scripts/install-test-deps.sh): torchvision resnet18 and vgg16
/// with random weights (weights=None, fixed seed), an input batch and torchvision's logits, all as safetensors files.
/// </summary>
public sealed class TorchvisionFixture : IDisposable
{
    public TorchvisionFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "modeldsl-torchvision", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var script = Path.GetFullPath(Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", "..", "tools", "torchvision-fixtures", "make_fixtures.py"));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Directory);
        start.ArgumentList.Add("--size");
        start.ArgumentList.Add("64");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/python3");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed (run scripts/install-test-deps.sh for python3-torchvision): {output.Result}{error.Result}");
        }
    }

    /// <summary>Holds <c>{resnet18,vgg16}.safetensors</c>, <c>.input.safetensors</c> and <c>.output.safetensors</c>.</summary>
    public string Directory { get; }

    public string File(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
