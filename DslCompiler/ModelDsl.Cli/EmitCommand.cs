using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ModelDsl.Compiler;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl emit FILE.model [--backend cpu|torchsharp] [--out DIR]</c>: writes the code the build would generate for
/// a <c>.model</c> file (and its imports), so it can be read, reviewed or checked in. With <c>--out</c> every file goes
/// to DIR (written atomically) and its path is printed; without it the files go to standard output, each after a
/// <c>// file: NAME</c> line. Diagnostics are printed first; declarations with errors emit nothing and the exit code is 1.
/// </summary>
internal static class EmitCommand
{
    /// <summary>The <c>--backend</c> values and what each writes.</summary>
    private static readonly string[] Backends = { "cpu", "torchsharp" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The .model file (its imports are loaded too)" };
        var backend = new Option<string>("--backend", "-b")
        {
            Description = "What to emit: cpu (C# for the embedded engine) or torchsharp (C# for TorchSharp)",
            DefaultValueFactory = _ => "cpu",
        };
        backend.AcceptOnlyFromAmong(Backends);
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Write the files into this folder (default: standard output)" };
        var command = new Command("emit", "Write the code generated for a .model file (C# for the cpu or torchsharp backend)") { file, backend, outDirectory };
        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(backend)!, parseResult.GetValue(outDirectory), output, error));
        return command;
    }

    private static int Run(string path, string backend, string? outDirectory, TextWriter output, TextWriter error)
    {
        var options = CompilationOptions.Default with { Backend = backend == "torchsharp" ? Backend.TorchSharp : Backend.Cpu, Emit = true };
        var (result, diagnostics) = CliCompilation.Check(new[] { path }, options);
        var failed = diagnostics.Any(d => d.IsError);

        // Diagnostics go to standard error when the code goes to standard output, so the output stays valid code.
        CliCompilation.Print(diagnostics, outDirectory is null ? error : output);
        var files = result.Sources.Select(s => (s.HintName, s.Text)).ToList();
        if (files.Count == 0)
        {
            error.WriteLine(failed
                ? $"modeldsl: nothing to emit: every declaration of {path} has errors"
                : $"modeldsl: {path} declares no model");
            return 1;
        }

        return Write(files, outDirectory, "//", output, error) && !failed ? 0 : 1;
    }

    /// <summary>Writes <paramref name="files"/> into <paramref name="outDirectory"/>, or to <paramref name="output"/> after a
    /// <c>{comment} file: NAME</c> line each. False (with one error line) when a file cannot be written.</summary>
    internal static bool Write(IReadOnlyList<(string Name, string Text)> files, string? outDirectory, string comment, TextWriter output, TextWriter error)
    {
        if (outDirectory is null)
        {
            foreach (var (name, text) in files)
            {
                output.WriteLine($"{comment} file: {name}");
                output.Write(text);
            }

            return true;
        }

        foreach (var (name, text) in files)
        {
            var target = Path.Combine(outDirectory, name);
            try
            {
                AtomicFile.WriteAllText(target, text);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error.WriteLine($"modeldsl: cannot write '{target}': {exception.Message}");
                return false;
            }

            output.WriteLine("wrote " + target);
        }

        return true;
    }
}
