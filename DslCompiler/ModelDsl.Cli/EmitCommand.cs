using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit.PyTorch;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl emit FILE.model [--backend cpu|torchsharp|pytorch] [--out DIR]</c>: writes the code generated for a
/// <c>.model</c> file (and its imports): the C# the build generates for the cpu or torchsharp backend, or, for pytorch,
/// Python modules and torchrun training scripts (see <c>Emit/PyTorch</c>). With <c>--out</c> every file goes to DIR
/// (written atomically) and its path is printed; without it the files go to standard output, each after a
/// <c>// file: NAME</c> (<c># file: NAME</c>) line. Diagnostics are printed first; a declaration with errors, or one the
/// PyTorch profile cannot emit (MD5150–MD5159), emits nothing and the exit code is 1.
/// </summary>
internal static class EmitCommand
{
    /// <summary>The <c>--backend</c> values and what each writes.</summary>
    private static readonly string[] Backends = { "cpu", "torchsharp", "pytorch" };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The .model file (its imports are loaded too)" };
        var backend = new Option<string>("--backend", "-b")
        {
            Description = "What to emit: cpu (C# for the embedded engine), torchsharp (C# for TorchSharp) or pytorch (Python: nn.Module files and torchrun training scripts)",
            DefaultValueFactory = _ => "cpu",
        };
        backend.AcceptOnlyFromAmong(Backends);
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Write the files into this folder (default: standard output)" };
        var command = new Command("emit", "Write the code generated for a .model file (C# for cpu or torchsharp, Python for pytorch)") { file, backend, outDirectory };
        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(backend)!, parseResult.GetValue(outDirectory), output, error));
        return command;
    }

    private static int Run(string path, string backend, string? outDirectory, TextWriter output, TextWriter error)
    {
        var python = backend == "pytorch";
        var options = CompilationOptions.Default with { Backend = backend == "torchsharp" ? Backend.TorchSharp : Backend.Cpu, Emit = !python };
        var (result, diagnostics) = CliCompilation.Check(new[] { path }, options);
        var sources = result.Sources;
        if (python)
        {
            var emission = PyTorchEmitter.Emit(result.Models, result.Trainings);
            sources = emission.Files;
            diagnostics = diagnostics.Concat(emission.Diagnostics).ToList();
        }

        // A declaration the PyTorch profile could not write is a failure of this command, though only a warning in the build.
        var failed = diagnostics.Any(d => d.IsError || d.Id.StartsWith("MD515", StringComparison.Ordinal));

        // Diagnostics go to standard error when the code goes to standard output, so the output stays valid code.
        CliCompilation.Print(diagnostics, outDirectory is null ? error : output);
        var files = sources.Select(s => (s.HintName, s.Text)).ToList();
        if (files.Count == 0)
        {
            error.WriteLine(failed
                ? $"modeldsl: nothing to emit: every declaration of {path} has errors"
                : $"modeldsl: {path} declares no model");
            return 1;
        }

        return Write(files, outDirectory, python ? "#" : "//", output, error) && !failed ? 0 : 1;
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
