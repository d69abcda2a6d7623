using System;
using System.CommandLine;
using System.IO;

namespace ModelDsl.Cli;

/// <summary>
/// Builds the command tree of the <c>modeldsl</c> tool. Every command writes to the given writers (so tests run it
/// in-process) and returns 0 on success or 1 on any error — never another code, never a stack trace.
/// Commands add themselves in <see cref="BuildRootCommand"/>.
/// </summary>
public static class CommandLineApp
{
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var root = BuildRootCommand(output, error);
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            var code = root.Parse(args).Invoke(configuration);
            return code == 0 ? 0 : 1;
        }
        catch (Exception exception)
        {
            // The last line of defence: a bug in the tool is a one-line error, not a stack trace.
            error.WriteLine("modeldsl: internal error: " + TrainCommand.Unwrap(exception).Message);
            return 1;
        }
    }

    public static RootCommand BuildRootCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("modeldsl: check, summarise, emit, train and export .model neural-network declarations");
        root.Subcommands.Add(CheckCommand.Create(output));
        root.Subcommands.Add(SummaryCommand.Create(output, error));
        root.Subcommands.Add(EmitCommand.Create(output, error));
        root.Subcommands.Add(TrainCommand.Create(output, error));
        root.Subcommands.Add(ExportCommand.Create(output, error));
        root.Subcommands.Add(ConvertCommand.Create(output, error));
        return root;
    }
}
