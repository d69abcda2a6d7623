using System.CommandLine;
using System.IO;
using System.Linq;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl check FILE...</c>: prints every diagnostic as <c>FILE(line,col): error MDnnnn: message</c>; exit 1
/// when any is an error.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output)
    {
        var files = new Argument<string[]>("files") { Description = ".model files to check (their imports are loaded too)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check .model files and print their diagnostics") { files };
        command.SetAction(parseResult =>
        {
            var (_, diagnostics) = CliCompilation.Check(parseResult.GetValue(files) ?? System.Array.Empty<string>());
            CliCompilation.Print(diagnostics, output);
            return diagnostics.Any(d => d.IsError) ? 1 : 0;
        });
        return command;
    }
}
