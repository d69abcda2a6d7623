using System.CommandLine;
using System.IO;
using System.Linq;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl check FILE...</c>: prints every diagnostic as <c>FILE(line,col): error MDnnnn: message</c>; exit 1
/// when any is an error. Without errors it ends with one summary line (<c>2 files, 3 models, 0 errors, 1 warning</c>), so
/// a clean check visibly did something.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output)
    {
        var files = new Argument<string[]>("files") { Description = ".model files to check (their imports are loaded too)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check .model files and print their diagnostics") { files };
        command.SetAction(parseResult =>
        {
            var (result, diagnostics, fileCount) = CliCompilation.CheckCounting(parseResult.GetValue(files) ?? System.Array.Empty<string>());
            CliCompilation.Print(diagnostics, output);
            var errors = diagnostics.Count(d => d.IsError);
            if (errors > 0)
            {
                return 1;
            }

            var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
            output.WriteLine(string.Join(", ", Counted.Of(fileCount, "file"), Counted.Of(result.Models.Count, "model"), Counted.Of(errors, "error"), Counted.Of(warnings, "warning")));
            return 0;
        });
        return command;
    }
}
