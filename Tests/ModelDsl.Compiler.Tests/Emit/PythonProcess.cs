using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Runs Debian's Python (/usr/bin/python3, the one with PyTorch; the python3 on PATH may be another) and captures its
/// output. Tests that need it fail with the output in the message when it is missing: scripts/install-test-deps.sh
/// installs python3-torch.
/// </summary>
internal static class PythonProcess
{
    public const string Python = "/usr/bin/python3";

    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // One thread per process: the machine is shared, and the tests compare numbers, not speed.
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + Python);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {string.Join(" ", start.ArgumentList)} ran past {timeout.TotalSeconds} s:\n{output.Result}\n{error.Result}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Writes <paramref name="files"/> into <paramref name="directory"/>.</summary>
    public static void WriteFiles(string directory, IEnumerable<GeneratedSource> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(directory, file.HintName), file.Text);
        }
    }
}
